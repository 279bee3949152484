using System.Diagnostics.Metrics;
using CredWatch.Exporter.Metrics;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// The ledger's instruments. All observable: they read the monitor's latest snapshot at scrape time,
/// so nothing recorded before the exporter starts is lost and every runtime×reason pair exists at 0.
/// </summary>
internal sealed class TaskLedgerMetrics : IDisposable
{
    private readonly Meter _meter;

    public TaskLedgerMetrics(IMeterFactory meterFactory, TaskLedgerMonitor monitor, TaskAutoRetry? autoRetry = null)
    {
        _meter = meterFactory.Create(MetricNames.Meter);
        _meter.CreateObservableGauge(MetricNames.TaskResultsUndelivered, () => Undelivered(monitor.Current), "{result}",
            "Task results computed but not delivered to their requester, by runtime and reason.");
        _meter.CreateObservableCounter(MetricNames.TaskResultsLost, () => Lost(monitor), "{result}",
            "Undelivered task results, each task counted once (also across restarts).");
        _meter.CreateObservableGauge(MetricNames.TaskOldestUndeliveredAge, () => new Measurement<double>(monitor.Current.OldestUndeliveredAgeSeconds), "s",
            "Age of the oldest undelivered task result (0 when none).");
        _meter.CreateObservableGauge(MetricNames.Tasks, () => Tasks(monitor.Current), "{task}",
            "Tasks in OpenClaw's ledger by runtime and status.");
        if (autoRetry is not null)
        {
            _meter.CreateObservableCounter(MetricNames.TaskRetries, () => Retries(autoRetry), "{retry}",
                "Automatic `openclaw tasks retry` runs for blocked task results, by outcome (ok, refused, no_gateway, busy, timeout, error).");
        }

        _meter.CreateObservableGauge(MetricNames.DeliveryQueueFailed, () => Queue(monitor.Current), "{message}",
            "Failed outbound messages in OpenClaw's delivery queue by channel.");
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Undelivered(TaskLedgerSnapshot s)
    {
        var counts = s.Results.CountBy(r => (r.Runtime, r.Reason)).ToDictionary();

        foreach (var runtime in TaskLabels.Runtimes)
        {
            foreach (var reason in TaskLabels.Reasons)
            {
                yield return new Measurement<long>(counts.GetValueOrDefault((runtime, reason)),
                    new KeyValuePair<string, object?>("reason", reason.ToLabel()), new KeyValuePair<string, object?>("runtime", runtime));
            }
        }
    }

    private static IEnumerable<Measurement<long>> Lost(TaskLedgerMonitor monitor) =>
        monitor.LostTotals.Select(kv => new Measurement<long>(kv.Value,
            new KeyValuePair<string, object?>("reason", kv.Key.Reason), new KeyValuePair<string, object?>("runtime", kv.Key.Runtime)));

    private static IEnumerable<Measurement<long>> Retries(TaskAutoRetry autoRetry) =>
        autoRetry.Totals.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("outcome", kv.Key)));

    private static IEnumerable<Measurement<long>> Tasks(TaskLedgerSnapshot s) =>
        s.TaskCounts.Select(kv => new Measurement<long>(kv.Value,
            new KeyValuePair<string, object?>("runtime", kv.Key.Runtime), new KeyValuePair<string, object?>("status", kv.Key.Status)));

    private static IEnumerable<Measurement<long>> Queue(TaskLedgerSnapshot s) =>
        s.QueueFailed.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("channel", kv.Key)));
}
