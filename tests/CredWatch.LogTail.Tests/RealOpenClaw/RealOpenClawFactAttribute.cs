namespace CredWatch.LogTail.Tests.RealOpenClaw;

/// <summary>A fact that is reported as SKIPPED, with the reason, when the real OpenClaw is not installed.</summary>
public sealed class RealOpenClawFactAttribute : FactAttribute
{
    public RealOpenClawFactAttribute()
    {
        var dir = Environment.GetEnvironmentVariable("CREDWATCH_OPENCLAW_DIR");
        if (string.IsNullOrEmpty(dir) || !File.Exists(Path.Combine(dir, "node_modules", ".bin", "openclaw")))
        {
            Skip = "SKIPPED: CREDWATCH_OPENCLAW_DIR is not set or holds no openclaw (.ci/run installs it); the committed real-2026.9.6 log is still tested by DedupeTests";
        }
    }
}
