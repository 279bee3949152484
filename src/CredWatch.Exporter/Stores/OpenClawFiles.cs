namespace CredWatch.Exporter.Stores;

/// <summary>File names of OpenClaw's agent stores (docs/openclaw-observed.md).</summary>
internal static class OpenClawFiles
{
    public const string AuthProfiles = "auth-profiles.json";
    public const string AuthState = "auth-state.json";
    public const string AgentDatabase = "openclaw-agent.sqlite";

    /// <summary>True for names the watcher and layout detection must ignore (temp files, locks, archives, SQLite sidecars).</summary>
    public static bool IsNoise(string name) =>
        name.EndsWith(".tmp", StringComparison.Ordinal)
        || name.EndsWith(".lock", StringComparison.Ordinal)
        || name.EndsWith("-journal", StringComparison.Ordinal)
        || name.Contains(".migrated-", StringComparison.Ordinal)
        || name.Contains(".sqlite-import.", StringComparison.Ordinal)
        || name.EndsWith(".bak", StringComparison.Ordinal);
}
