using CredWatch.Alerts;
using CredWatch.Exporter.Tasks;
using Microsoft.Extensions.Logging;
using CredWatch.Alerts.Model;

namespace CredWatch.Exporter.AlertMapping;

/// <summary>
/// Task ledger → Alerts. <see cref="IAlertSink"/> persists before it returns, so returning without a
/// throw is exactly the "recorded, never publish again" contract of <see cref="ITaskResultSink"/>; any
/// failure throws and the ledger monitor retries next pass.
/// </summary>
internal sealed class TaskAlertSink(IAlertSink sink, ILogger<TaskAlertSink> logger) : ITaskResultSink
{
    public Task PublishAsync(IReadOnlyList<UndeliveredResult> fired, IReadOnlyList<ResolvedTaskResult> resolved, CancellationToken cancellationToken)
    {
        foreach (var r in fired)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sink.PublishConditions(TaskAlertMapper.SourceFor(r.TaskId), [TaskAlertMapper.Map(r)]);
        }

        foreach (var r in resolved)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sink.ResolveConditions(TaskAlertMapper.SourceFor(r.TaskId), TaskAlertMapper.FollowUp(r), r.Outcome != TaskOutcome.Expired);
        }

        if (fired.Count + resolved.Count > 0)
        {
            AlertingLog.TaskAlerts(logger, fired.Count, resolved.Count);
        }

        return Task.CompletedTask;
    }
}
