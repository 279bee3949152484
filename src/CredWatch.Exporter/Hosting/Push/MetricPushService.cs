using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace CredWatch.Exporter.Hosting.Push;

/// <summary>
/// Bridges every <c>CredWatch.*</c> System.Diagnostics.Metrics instrument into prometheus-net's registry
/// (its built-in MeterAdapter) and pushes it to the Pushgateway (MetricPusher). prometheus-net's default
/// process/.NET/event-counter metrics are suppressed on purpose: the pushed group carries only CredWatch's
/// metrics, like the scrape. (8.2.1's <c>MeterAdapter.StartListening</c> on a custom registry publishes no
/// values, so the default registry's adapter is configured instead — nothing else in CredWatch uses it.)
/// </summary>
internal sealed class MetricPushService(IOptions<PushOptions> options, ILogger<MetricPushService> logger) : IHostedService, IDisposable
{
    private MetricPusher? _pusher;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return Task.CompletedTask;
        }

        // Must run before the registry's first collection (the pusher's first push), which starts the adapter.
        Prometheus.Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
        {
            SuppressProcessMetrics = true,
            SuppressDebugMetrics = true,
            SuppressEventCounters = true,
            SuppressMeters = false,
        });
        Prometheus.Metrics.ConfigureMeterAdapter(a => a.InstrumentFilterPredicate = i => i.Meter.Name.StartsWith("CredWatch", StringComparison.Ordinal));
        var endpoint = new Uri(new Uri(o.Endpoint!.TrimEnd('/') + "/"), "metrics").ToString();
        _pusher = new MetricPusher(new MetricPusherOptions
        {
            Endpoint = endpoint,
            Job = o.Job,
            Instance = o.EffectiveInstance,
            IntervalMilliseconds = (long)o.Interval.TotalMilliseconds,
            OnError = OnError,
        });
        _pusher.Start();
        Log.PushStarted(logger, endpoint, o.Job, o.EffectiveInstance, o.Interval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_pusher is not null)
        {
            // Stop pushes the final state once more.
            await _pusher.StopAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _pusher?.Dispose();
    }

    private void OnError(Exception ex)
    {
        // Only the message: the stack trace is noise in a retry loop, and the URL holds no secret (the
        // validator rejects user info). MetricPusher retries at the next interval by itself.
        Log.PushFailed(logger, ex.GetBaseException().Message);
    }
}
