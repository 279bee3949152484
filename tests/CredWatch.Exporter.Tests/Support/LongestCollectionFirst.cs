using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("CredWatch.Exporter.Tests.Support.LongestCollectionFirst", "CredWatch.Exporter.Tests")]

namespace CredWatch.Exporter.Tests.Support;

/// <summary>
/// Starts the real-OpenClaw collection first: it is the longest chain of tests that must run one after another, so
/// the rest of the suite runs beside it instead of after it.
/// </summary>
public sealed class LongestCollectionFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => c.DisplayName.Contains(RealOpenClaw.RealOpenClawSerial.Name, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
