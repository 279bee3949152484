namespace CredWatch.Exporter.Tests.Support;

/// <summary>
/// Test classes that run the daemon inside the test process. System.Diagnostics.Metrics listeners are
/// process-wide: OpenTelemetry's listener in one in-process host also sees the <c>CredWatch.*</c> meters of
/// another host running at the same time, so two such daemons in parallel would scrape each other's series.
/// These classes therefore run one after another (daemons started as separate processes are unaffected).
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessDaemons
{
    public const string Name = "In-process daemon (process-wide metric listeners)";
}
