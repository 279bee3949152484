namespace CredWatch.TestSupport.OpenClaw;

/// <summary>
/// A fact that needs the real OpenClaw. xunit 2 has no runtime skip, so the skip is decided when the attribute is
/// built: the reason lands in the test report (counted as skipped, with the loud reason), never as a pass.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RealOpenClawFactAttribute : Xunit.FactAttribute
{
    public RealOpenClawFactAttribute()
    {
        if (!OpenClawInstall.IsAvailable)
        {
            Skip = OpenClawInstall.SkipReason;
        }
    }
}
