namespace CredWatch.Exporter.Stores;

/// <summary>The bounded values of the <c>store</c> label.</summary>
internal static class StoreLabels
{
    /// <summary>Claude Code CLI store (<c>.credentials.json</c>), source of truth for <c>anthropic</c>.</summary>
    public const string ClaudeCli = "claude-cli";

    /// <summary>Codex CLI store (<c>auth.json</c>), source of truth for <c>openai-codex</c>/<c>openai</c>.</summary>
    public const string CodexCli = "codex-cli";

    /// <summary>MiniMax CLI store (<c>~/.minimax/oauth_creds.json</c>), source of truth for <c>minimax-portal</c>.</summary>
    public const string MiniMaxCli = "minimax-cli";

    /// <summary>Gemini CLI store (<c>~/.gemini/oauth_creds.json</c>), the login <c>google-gemini-cli</c> runs on.</summary>
    public const string GeminiCli = "gemini-cli";

    /// <summary>An OpenClaw per-agent store (label <c>agent</c> set).</summary>
    public const string OpenClaw = "openclaw";

    /// <summary>OpenClaw's shared store (state database).</summary>
    public const string OpenClawShared = "openclaw-shared";

    /// <summary>True for the stores an external CLI owns (sources of truth; never written by CredWatch).</summary>
    public static bool IsCliSource(string store) => store is ClaudeCli or CodexCli or MiniMaxCli or GeminiCli;
}
