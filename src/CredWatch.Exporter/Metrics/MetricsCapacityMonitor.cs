using System.Diagnostics.Metrics;
using CredWatch.Exporter.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Metrics;

/// <summary>
/// Watches the fleet against the capacity its metrics were sized for at start (<see cref="CardinalityLimits"/>):
/// a fleet that outgrows it would lose series silently, so the crossing is logged (once per crossing) and both
/// figures are exported for dashboards (the <c>CredWatchMetricsOverflow</c> rule fires on the dropped series themselves).
/// </summary>
internal sealed class MetricsCapacityMonitor : IHostedService
{
    private readonly StoreRegistry _registry;
    private readonly CardinalityLimits _limits;
    private readonly ILogger<MetricsCapacityMonitor> _logger;
    private int _over;

    public MetricsCapacityMonitor(StoreRegistry registry, CardinalityLimits limits, IMeterFactory meterFactory, ILogger<MetricsCapacityMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _registry = registry;
        _limits = limits;
        _logger = logger;
        var meter = meterFactory.Create(MetricNames.Meter);
        meter.CreateObservableGauge(MetricNames.MetricsAgentCapacity, () => _limits.AgentCapacity, "{agent}",
            "OpenClaw agents the per-store and per-profile metrics were sized for at start (CredWatch:Metrics:AgentCapacity)");
        meter.CreateObservableGauge(MetricNames.MetricsAgents, () => Agents(_registry.Current), "{agent}",
            "OpenClaw agent stores CredWatch knows now; above the capacity, series past the limits are dropped");
    }

    /// <summary>Agent stores of a registry state (the unit <see cref="CardinalityLimits.AgentCapacity"/> counts).</summary>
    public static int Agents(RegistryState state) => state.Stores.Keys.Count(CardinalityLimits.CountsAsAgent);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        MetricsLog.Sized(_logger, _limits.AgentCapacity, _limits.PerStoreFanOut, _limits.PerStore);
        _registry.Changed += OnChanged;
        Check(_registry.Current);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registry.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(object? sender, RegistryChangedEventArgs e) => Check(e.State);

    private void Check(RegistryState state)
    {
        var agents = Agents(state);
        var over = agents > _limits.AgentCapacity ? 1 : 0;
        if (Interlocked.Exchange(ref _over, over) == over)
        {
            return;
        }

        if (over == 1)
        {
            MetricsLog.CapacityExceeded(_logger, agents, _limits.AgentCapacity);
        }
        else
        {
            MetricsLog.CapacityRestored(_logger, agents, _limits.AgentCapacity);
        }
    }
}
