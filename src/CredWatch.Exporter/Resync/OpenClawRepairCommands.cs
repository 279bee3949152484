namespace CredWatch.Exporter.Resync;

/// <summary>
/// The OpenClaw command that repairs a stale copy on a layout CredWatch does not write (spelling checked
/// against <c>openclaw models auth login --help</c> of 2026.9.6 and the advice its doctor prints).
/// The command needs an interactive terminal: without a TTY OpenClaw refuses and points at <c>paste-token</c>.
/// </summary>
internal static class OpenClawRepairCommands
{
    public static string For(ResyncCandidate c)
    {
        var agent = c.AgentId == "main" || c.Layout == TargetLayout.SharedSqlite ? "" : $" --agent {Quote(c.AgentId)}";
        // The spelling OpenClaw's own doctor advises (docs/openclaw-observed.md); no --method: the provider picks its default.
        return $"openclaw models auth login{agent} --provider {Word(c.Provider)} --profile-id {Quote(c.ProfileId)}";
    }

    /// <summary>Provider labels are bounded words (<c>anthropic</c>, <c>openai</c>): printed bare, as doctor does; anything else quoted.</summary>
    private static string Word(string s) => s.Length > 0 && s.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') ? s : Quote(s);

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
