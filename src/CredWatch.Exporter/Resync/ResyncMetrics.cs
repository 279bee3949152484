using System.Diagnostics.Metrics;
using CredWatch.Exporter.Metrics;

namespace CredWatch.Exporter.Resync;

/// <summary>Counters of repairs, failures and refusals. Counting happens once per outcome, never on dry runs.</summary>
internal sealed class ResyncMetrics
{
    private readonly Counter<long> _resyncs;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _skipped;

    public ResyncMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MetricNames.Meter);
        _resyncs = meter.CreateCounter<long>(MetricNames.Resyncs, "{repair}", "Stale credential copies repaired by resync");
        _failures = meter.CreateCounter<long>(MetricNames.ResyncFailures, "{failure}", "Resync attempts that did not complete, by reason");
        _skipped = meter.CreateCounter<long>(MetricNames.ResyncSkipped, "{refusal}", "Copies resync refused to touch, by reason");
    }

    public void Record(ResyncOutcome o)
    {
        var agent = new KeyValuePair<string, object?>("agent", o.AgentId);
        switch (o.Action)
        {
            case ResyncAction.Repaired:
                _resyncs.Add(1, agent);
                break;
            case ResyncAction.Failed:
                _failures.Add(1, agent, new KeyValuePair<string, object?>("reason", o.Reason));
                break;
            case ResyncAction.Skipped:
                _skipped.Add(1, agent, new KeyValuePair<string, object?>("reason", o.Reason));
                break;
            case ResyncAction.WouldRepair:
            case ResyncAction.InSync:
            default:
                break;
        }
    }
}
