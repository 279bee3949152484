using System.Diagnostics.Metrics;
using CredWatch.Exporter.Resync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using CredWatch.Exporter.Metrics;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>A ResyncService over a temp fixture home with real metrics and a capturing logger.</summary>
internal sealed class ResyncFixture : IDisposable
{
    private readonly ServiceProvider _sp;

    public ResyncFixture(ResyncOptions? options = null)
    {
        Options = options ?? new ResyncOptions();
        _sp = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = _sp.GetRequiredService<IMeterFactory>();
        Repairs = new MetricCollector<long>(meters, MetricNames.Meter, MetricNames.Resyncs);
        Failures = new MetricCollector<long>(meters, MetricNames.Meter, MetricNames.ResyncFailures);
        Skipped = new MetricCollector<long>(meters, MetricNames.Meter, MetricNames.ResyncSkipped);
        Logger = new FakeLogger<ResyncService>();
        Service = new ResyncService(Microsoft.Extensions.Options.Options.Create(Options), Home.Fingerprinter, Reader,
            new ResyncMetrics(meters), TimeProvider.System, Logger);
    }

    public ResyncHome Home { get; } = new();

    public ResyncOptions Options { get; }

    public ClaudeCredentialsReader Reader { get; } = new();

    public ResyncService Service { get; }

    public FakeLogger<ResyncService> Logger { get; }

    public MetricCollector<long> Repairs { get; }

    public MetricCollector<long> Failures { get; }

    public MetricCollector<long> Skipped { get; }

    public string AllLogText => string.Join("\n", Logger.Collector.GetSnapshot().Select(r => r.Level + " " + r.Id + " " + r.Message + " " + r.Exception));

    public static long Sum(MetricCollector<long> c, string agent, string? reason = null) =>
        c.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags["agent"], agent) && (reason is null || Equals(m.Tags["reason"], reason)))
            .Sum(m => m.Value);

    public void Dispose()
    {
        Repairs.Dispose();
        Failures.Dispose();
        Skipped.Dispose();
        _sp.Dispose();
        Home.Dispose();
    }
}
