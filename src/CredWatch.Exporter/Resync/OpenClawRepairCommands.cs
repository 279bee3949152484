namespace CredWatch.Exporter.Resync;

/// <summary>
/// The OpenClaw command that repairs a stale copy on a layout CredWatch does not write (spelling checked
/// against <c>openclaw models auth login --help</c> of 2026.9.6).
/// </summary>
internal static class OpenClawRepairCommands
{
    public static string For(ResyncCandidate c)
    {
        var agent = c.AgentId == "main" || c.Layout == StoreLayout.SharedSqlite ? "" : $" --agent {Quote(c.AgentId)}";
        return c.Provider switch
        {
            "anthropic" when c.Source.Store == "claude-cli" =>
                $"openclaw models auth login{agent} --provider anthropic --method cli --profile-id {Quote(c.ProfileId)}",
            "anthropic" => $"openclaw models auth login{agent} --provider anthropic --profile-id {Quote(c.ProfileId)}",
            _ => $"openclaw models auth login{agent} --provider {Quote(c.Provider)} --profile-id {Quote(c.ProfileId)}",
        };
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
