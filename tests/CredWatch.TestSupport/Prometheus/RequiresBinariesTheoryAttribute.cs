using Xunit;

namespace CredWatch.TestSupport.Prometheus;

/// <summary>A [Theory] reported as skipped (with the package to install) when a real binary is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresBinariesTheoryAttribute : TheoryAttribute
{
    public RequiresBinariesTheoryAttribute(params string[] binaries)
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
