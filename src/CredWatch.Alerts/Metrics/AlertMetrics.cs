using System.Diagnostics.Metrics;
using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Metrics;

/// <summary>Instruments of the <c>CredWatch.Alerts</c> meter. Gauges observe the engine's latest state.</summary>
internal sealed class AlertMetrics
{
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _commands;

    public AlertMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(AlertMetricNames.MeterName);
        _sent = meter.CreateCounter<long>(AlertMetricNames.Sent, "{alert}", "Alerts delivered to Telegram, by kind.");
        _failures = meter.CreateCounter<long>(AlertMetricNames.SendFailures, "{attempt}", "Failed Telegram send attempts, by reason.");
        _commands = meter.CreateCounter<long>(AlertMetricNames.Commands, "{command}", "Commands and button presses the command bot received, by command and outcome.");
        meter.CreateObservableGauge(AlertMetricNames.OutboxDepth, () => (long)(DepthSource?.Invoke() ?? 0), "{alert}", "Alerts accepted but not yet delivered.");
        meter.CreateObservableGauge(AlertMetricNames.Firing, ObserveFiring, "{alert}", "Level-triggered alerts currently firing, by kind.");

        // Pre-create the bounded label sets at 0 so dashboards and rules see them before the first alert.
        foreach (var kind in AlertKinds.Known)
        {
            _sent.Add(0, new KeyValuePair<string, object?>("kind", kind));
        }

        foreach (var reason in AlertMetricNames.FailureReasons)
        {
            _failures.Add(0, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    /// <summary>Set by the engine: current outbox depth.</summary>
    public Func<int>? DepthSource { get; set; }

    /// <summary>Set by the engine: firing count per kind.</summary>
    public Func<IReadOnlyDictionary<string, int>>? FiringSource { get; set; }

    public void RecordSent(string kind) => _sent.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void RecordFailure(string reason) => _failures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary><paramref name="command"/> is status | retry | help | unknown; <paramref name="outcome"/> one of <see cref="CommandBotOutcomes"/>.</summary>
    public void RecordCommand(string command, string outcome) =>
        _commands.Add(1, new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("outcome", outcome));

    private IEnumerable<Measurement<long>> ObserveFiring()
    {
        var current = FiringSource?.Invoke() ?? new Dictionary<string, int>();
        return AlertKinds.Known.Union(current.Keys)
            .Select(kind => new Measurement<long>(current.GetValueOrDefault(kind), new KeyValuePair<string, object?>("kind", kind)));
    }
}
