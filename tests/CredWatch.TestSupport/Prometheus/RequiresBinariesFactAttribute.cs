using Xunit;

namespace CredWatch.TestSupport.Prometheus;

/// <summary>
/// A [Fact] that is reported as skipped (with the package to install) when a real binary is missing.
/// xunit 2 has no runtime skip, so the check happens at discovery.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresBinariesFactAttribute : FactAttribute
{
    public RequiresBinariesFactAttribute(params string[] binaries)
    {
        Binaries = binaries;
        var reason = PromBinaries.MissingReason(binaries);
        if (reason is not null)
        {
            Skip = reason;
        }
    }

    public IReadOnlyList<string> Binaries { get; }
}
