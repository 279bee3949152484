namespace CredWatch.Exporter.Reporting;

/// <summary>
/// The OpenClaw commands that repair what CredWatch finds, spelled as OpenClaw 2026.9.6 prints them
/// (tests/fixtures/openclaw-2026.9.6/help/, doctor's own "run `openclaw models auth login --provider anthropic
/// --profile-id 'anthropic:old'`"). <c>models auth login</c> needs a TTY: <c>check</c> runs in the operator's terminal.
/// </summary>
internal static class OpenClawRepair
{
    public const string DoctorFix = "openclaw doctor --fix";

    public static string Login(string provider, string profileId) =>
        $"openclaw models auth login --provider {provider} --profile-id {ShellQuote(profileId)}";

    // POSIX single quotes: the id is pasted into a shell as one word, whatever it contains.
    private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
