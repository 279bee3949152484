namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Decides whether a ledger row is an undelivered result and why. Pure: the same row and
/// clock give the same answer. One reason per task, most severe first, so counts never double up.
/// </summary>
internal static class TaskClassifier
{
    /// <summary>
    /// True when a row may be (or may become, as time passes) undelivered. Other rows are settled:
    /// delivered, dismissed or not applicable. Only tracked rows are re-read on incremental passes.
    /// </summary>
    public static bool NeedsTracking(string status, string deliveryStatus) =>
        status is "queued" or "running" or "lost"
        || deliveryStatus is "pending" or "session_queued" or "failed" or "parent_missing" or TaskLabels.Other;

    public static UndeliveredReason? Classify(LedgerTask t, long nowMs, TimeSpan stuckPendingGrace, TimeSpan staleRunningLimit)
    {
        if (t.Status == "lost")
        {
            return UndeliveredReason.Lost;
        }

        var terminal = TaskLabels.IsTerminal(t.Status);

        // A silent task asked for no notification: a delivery outcome is nobody's loss
        // (OpenClaw's audit skips it for delivery_failed too).
        var silent = string.Equals(t.NotifyPolicy, "silent", StringComparison.Ordinal);

        if (terminal && t.DeliveryStatus == "parent_missing" && !silent)
        {
            return UndeliveredReason.ParentMissing;
        }

        // Same rule as `openclaw tasks audit` (delivery_failed, notify policy not silent), so counts agree.
        if (t.DeliveryStatus == "failed" && !silent)
        {
            return UndeliveredReason.DeliveryFailed;
        }

        var pending = t.DeliveryStatus is "pending" or "session_queued";
        if (t.Delivery is { IsSuspended: true } && !silent && t.DeliveryStatus is not ("delivered" or "dismissed" or "not_applicable"))
        {
            return UndeliveredReason.Blocked;
        }

        if (terminal && pending && !silent && t.Runtime == "subagent" && t.Delivery is { IsRetrying: true })
        {
            return UndeliveredReason.AtRisk;
        }

        if (terminal && pending && !silent)
        {
            var ended = t.EndedAt ?? t.LastEventAt ?? t.CreatedAt;
            if (nowMs - ended > (long)stuckPendingGrace.TotalMilliseconds)
            {
                return UndeliveredReason.StuckPending;
            }
        }

        if (t.Status == "running")
        {
            // OpenClaw's audit reference time: lastEventAt, else startedAt, else createdAt.
            var reference = t.LastEventAt ?? t.StartedAt ?? t.CreatedAt;
            if (nowMs - reference >= (long)staleRunningLimit.TotalMilliseconds)
            {
                return UndeliveredReason.StaleRunning;
            }
        }

        return null;
    }
}
