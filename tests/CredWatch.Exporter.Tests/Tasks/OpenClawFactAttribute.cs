namespace CredWatch.Exporter.Tests.Tasks;

/// <summary>A fact that needs the real OpenClaw (CREDWATCH_OPENCLAW_DIR); reported as SKIPPED, loudly, without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpenClawFactAttribute : FactAttribute
{
    public OpenClawFactAttribute()
    {
        if (RealOpenClaw.Dir is null)
        {
            Skip = "SKIPPED LOUDLY: CREDWATCH_OPENCLAW_DIR is unset or holds no openclaw; the real-OpenClaw ledger test did not run (install with scripts/install-openclaw.sh)";
        }
    }
}
