using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Reporting;

/// <summary>
/// The commands that repair what CredWatch finds, spelled as OpenClaw 2026.9.6 prints them (<c>openclaw models auth
/// login --help</c>, doctor's own "run `openclaw models auth login --provider anthropic --profile-id 'anthropic:old'`").
/// Alerts carry display ids (an e-mail in an id is shown as <c>acct-…</c>): the user substitutes the address back.
/// <c>models auth login</c> needs a TTY: <c>check</c> runs in the operator's terminal.
/// </summary>
internal static class RepairCommands
{
    public const string Sync = "credwatch sync";

    public const string DoctorFix = "openclaw doctor --fix";

    /// <summary>True for layouts CredWatch itself can rewrite (<c>credwatch sync</c>); SQLite stores are repaired through OpenClaw.</summary>
    public static bool CredWatchWrites(StoreLayout layout) => layout is StoreLayout.OpenClawJsonV1 or StoreLayout.OpenClawJsonWithState;

    public static string Login(string? agent, string provider, string displayId, string? sourceStore)
    {
        if (provider == "google-gemini-cli")
        {
            return GeminiRepair;
        }

        var agentFlag = agent is null or "main" ? string.Empty : " --agent " + Quote(agent);
        var method = provider == "anthropic" && sourceStore == StoreLabels.ClaudeCli ? " --method cli" : string.Empty;
        return $"openclaw models auth login{agentFlag} --provider {Quote(provider)}{method} --profile-id {AlwaysQuote(displayId)}";
    }

    /// <summary>The login <c>check</c> prints for one stored profile (raw id, as the operator's own terminal may show it).</summary>
    public static string ProfileLogin(string provider, string profileId) =>
        $"openclaw models auth login --provider {provider} --profile-id {AlwaysQuote(profileId)}";

    /// <summary>A provider-level login (no profile known, e.g. from a log line).</summary>
    public static string Login(string? agent, string provider)
    {
        var agentFlag = agent is null or "main" ? string.Empty : " --agent " + Quote(agent);
        return $"openclaw models auth login{agentFlag} --provider {Quote(provider)}";
    }

    /// <summary>
    /// OpenClaw 2026.9.6 "cannot create or repair" Gemini CLI OAuth: the user signs in again with the Gemini CLI, or
    /// follows OpenClaw's own advice (an AI Studio API-key profile, selected for the Gemini CLI runtime).
    /// </summary>
    public const string GeminiRepair = "run `gemini` and sign in again with Google (OpenClaw cannot repair Gemini CLI logins), "
        + "or connect an AI Studio API key with `openclaw models auth login --provider google` and select that profile for the Gemini CLI runtime";

    /// <summary>The MiniMax CLI owns its login; OpenClaw's side is re-imported or signed in with its own command.</summary>
    public const string MiniMaxCliLogin = "sign in again with the MiniMax CLI (it rewrites ~/.minimax/oauth_creds.json)";

    /// <summary>OpenClaw's own spelling for a new MiniMax portal login (doctor's "Re-auth via …").</summary>
    public const string MiniMaxOpenClawLogin = "openclaw models auth login --provider minimax-portal";

    /// <summary>CLI stores are logged in with their own CLI.</summary>
    public static string CliLogin(string store) => store switch
    {
        StoreLabels.CodexCli => "codex login",
        StoreLabels.MiniMaxCli => MiniMaxCliLogin,
        StoreLabels.GeminiCli => GeminiRepair,
        _ => "claude /login",
    };

    public static bool MasksEmail(string displayId) => displayId.Contains("acct-", StringComparison.Ordinal);

    // POSIX single quotes: the id is pasted into a shell as one word, whatever it contains.
    private static string AlwaysQuote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    internal static string Quote(string s) =>
        s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@') ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
