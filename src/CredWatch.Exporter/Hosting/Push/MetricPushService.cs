using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace CredWatch.Exporter.Hosting.Push;

/// <summary>
/// Bridges every <c>CredWatch.*</c> System.Diagnostics.Metrics instrument into a private prometheus-net registry
/// (MeterAdapter) and pushes that registry to the Pushgateway (MetricPusher). The private registry keeps
/// prometheus-net's default process/.NET metrics out of the push on purpose: the pushed group carries only
/// CredWatch's metrics, like the scrape.
/// </summary>
internal sealed class MetricPushService(IOptions<PushOptions> options, ILogger<MetricPushService> logger) : IHostedService, IDisposable
{
    private IDisposable? _adapter;
    private MetricPusher? _pusher;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return Task.CompletedTask;
        }

        var registry = Prometheus.Metrics.NewCustomRegistry();
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = registry,
            InstrumentFilterPredicate = i => i.Meter.Name.StartsWith("CredWatch", StringComparison.Ordinal),
        });
        var endpoint = new Uri(new Uri(o.Endpoint!.TrimEnd('/') + "/"), "metrics").ToString();
        _pusher = new MetricPusher(new MetricPusherOptions
        {
            Endpoint = endpoint,
            Job = o.Job,
            Instance = o.EffectiveInstance,
            IntervalMilliseconds = (long)o.Interval.TotalMilliseconds,
            Registry = registry,
            OnError = OnError,
        });
        _pusher.Start();
        PushLog.Started(logger, endpoint, o.Job, o.EffectiveInstance, o.Interval);
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
        _adapter?.Dispose();
    }

    private void OnError(Exception ex)
    {
        // Only the message: the stack trace is noise in a retry loop, and the URL holds no secret (the
        // validator rejects user info). MetricPusher retries at the next interval by itself.
        PushLog.Failed(logger, ex.GetBaseException().Message);
    }
}
