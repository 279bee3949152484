using CredWatch.Alerts;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CredWatch.Alerts.Model;

namespace CredWatch.Exporter.AlertMapping;

/// <summary>
/// Publishes the full store condition set on every registry change and on a clock tick (time alone
/// moves a login into the warning window or past its end). Runs on the scanning thread: the mapping is
/// pure and <see cref="IAlertSink.PublishConditions"/> never blocks on the network.
/// </summary>
internal sealed class StoreAlertPublisher(
    StoreRegistry registry,
    IAlertSink sink,
    IOptions<CredWatchOptions> options,
    IOptions<AlertingOptions> alerting,
    TimeProvider time,
    ILogger<StoreAlertPublisher> logger,
    IEnumerable<IAlertConditionSource> derivedSources) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.Changed += OnChanged;
        var tick = alerting.Value.StoreTick;
        _timer = time.CreateTimer(_ => Publish(registry.Current), null, tick, tick);
        if (registry.Current.Ready)
        {
            Publish(registry.Current);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        registry.Changed -= OnChanged;
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    private void OnChanged(object? sender, RegistryChangedEventArgs e) => Publish(e.State);

    internal void Publish(RegistryState state)
    {
        // Before the first full scan there is no truth to publish: an empty set would resolve every firing alert.
        if (!state.Ready)
        {
            return;
        }

        try
        {
            lock (_gate)
            {
                var conditions = StoreAlertMapper.Map(state, time.GetUtcNow(), options.Value.Check.WarningWindow, alerting.Value.ConfirmScans);
                sink.PublishConditions(StoreAlertMapper.Source, conditions);
                foreach (var source in derivedSources)
                {
                    sink.PublishConditions(source.Source, source.Conditions(state));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            AlertingLog.PublishFailed(logger, StoreAlertMapper.Source, ex.GetType().Name, ex.Message);
        }
    }

    public void Dispose() => _timer?.Dispose();
}
