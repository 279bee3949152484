using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// A real Prometheus (shipped rules loaded) scraping a loopback endpoint that serves every CredWatch
/// metric. At integration time the endpoint becomes a real CredWatch; the tests stay the same.
/// </summary>
public sealed class SampleScrapeFixture : IAsyncLifetime
{
    private StaticMetricsEndpoint? _endpoint;

    public PrometheusServer? Prometheus { get; private set; }

    public string? SkipReason { get; } = PromBinaries.MissingReason(PromBinaries.Prometheus);

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        _endpoint = await StaticMetricsEndpoint.StartAsync(new SampleExposition(DateTimeOffset.UtcNow).Render());
        var options = new PrometheusServerOptions();
        options.Targets.Add(new PrometheusScrapeTarget("credwatch", _endpoint.HostPort));
        options.RuleFiles.Add(OpsFiles.Rules);
        Prometheus = await PrometheusServer.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (_endpoint is not null)
        {
            await _endpoint.DisposeAsync();
        }
    }
}
