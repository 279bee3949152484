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
        var counts = new Dictionary<(string, UndeliveredReason), long>();
        foreach (var r in s.Results)
        {
            counts[(r.Runtime, r.Reason)] = counts.GetValueOrDefault((r.Runtime, r.Reason)) + 1;
        }

        foreach (var runtime in TaskLabels.Runtimes)
        {
            foreach (var reason in TaskLabels.Reasons)
            {
                yield return new Measurement<long>(counts.GetValueOrDefault((runtime, reason)),
                    new KeyValuePair<string, object?>("reason", reason.ToLabel()), new KeyValuePair<string, object?>("runtime", runtime));
            }
        }
    }

    private static IEnumerable<Measurement<long>> Lost(TaskLedgerMonitor monitor)
    {
        foreach (var ((runtime, reason), value) in monitor.LostTotals)
        {
            yield return new Measurement<long>(value,
                new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("runtime", runtime));
        }
    }

    private static IEnumerable<Measurement<long>> Retries(TaskAutoRetry autoRetry)
    {
        foreach (var (outcome, value) in autoRetry.Totals)
        {
            yield return new Measurement<long>(value, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private static IEnumerable<Measurement<long>> Tasks(TaskLedgerSnapshot s)
    {
        foreach (var ((runtime, status), value) in s.TaskCounts)
        {
            yield return new Measurement<long>(value,
                new KeyValuePair<string, object?>("runtime", runtime), new KeyValuePair<string, object?>("status", status));
        }
    }

    private static IEnumerable<Measurement<long>> Queue(TaskLedgerSnapshot s)
    {
        foreach (var (channel, value) in s.QueueFailed)
        {
            yield return new Measurement<long>(value, new KeyValuePair<string, object?>("channel", channel));
        }
    }
}
