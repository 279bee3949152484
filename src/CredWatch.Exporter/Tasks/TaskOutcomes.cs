namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Reads how an alerted result ended off its ledger row (pure). Null: not settled yet (e.g. a stale run
/// that moved again but has not delivered): the alert stays open and the row is looked at again.
/// </summary>
internal static class TaskOutcomes
{
    public static (TaskOutcome Outcome, string Detail)? Decide(LedgerTask? row)
    {
        if (row is null)
        {
            return (TaskOutcome.Expired, "the task left OpenClaw's ledger (its retention ended) without the result being delivered");
        }

        return row.DeliveryStatus switch
        {
            "delivered" => (TaskOutcome.Delivered, "OpenClaw recorded the result as delivered to its requester"),
            "dismissed" => (TaskOutcome.Dismissed, "delivery was dismissed (openclaw tasks dismiss); OpenClaw keeps the result in the task record"),
            "not_applicable" => (TaskOutcome.Dismissed, "OpenClaw no longer expects this result to be delivered"),
            _ when string.Equals(row.NotifyPolicy, "silent", StringComparison.Ordinal) => (TaskOutcome.Dismissed, "notifications for this task were turned off (notify policy silent)"),
            _ => null,
        };
    }
}
