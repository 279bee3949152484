using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// A real Prometheus (shipped rules loaded) scraping the real CredWatch daemon over loopback, on a copy of the
/// fixture home (openclaw/hr-bp is stale). Shared by the dashboard tests.
/// </summary>
public sealed class CredWatchScrapeFixture : IAsyncLifetime
{
    private CredWatchProcess? _credWatch;

    public PrometheusServer? Prometheus { get; private set; }

    /// <summary>CredWatch's own /metrics, read once after start (which metric names this build exports).</summary>
    public string Exposition { get; private set; } = string.Empty;

    public string CredWatchOutput => _credWatch?.Output ?? string.Empty;

    public string? SkipReason { get; } = PromBinaries.MissingReason(PromBinaries.Prometheus);

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        _credWatch = await CredWatchProcess.StartAsync();
        Exposition = await _credWatch.ScrapeAsync();
        var options = new PrometheusServerOptions();
        options.Targets.Add(new PrometheusScrapeTarget("credwatch", _credWatch.HostPort));
        options.RuleFiles.Add(OpsFiles.Rules);
        Prometheus = await PrometheusServer.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (_credWatch is not null)
        {
            await _credWatch.DisposeAsync();
        }
    }
}
