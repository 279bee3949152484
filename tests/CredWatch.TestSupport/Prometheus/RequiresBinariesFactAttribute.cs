using CredWatch.TestSupport.Requirements;
using Xunit.Sdk;

namespace CredWatch.TestSupport.Prometheus;

/// <summary>A fact that needs real executables on PATH; it fails naming the Debian package when one is missing.</summary>
[XunitTestCaseDiscoverer("CredWatch.TestSupport.Requirements.RequirementFactDiscoverer", "CredWatch.TestSupport")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresBinariesFactAttribute(params string[] binaries) : RequirementFactAttribute(PromBinaries.MissingReason(binaries))
{
    public IReadOnlyList<string> Binaries { get; } = binaries;
}
