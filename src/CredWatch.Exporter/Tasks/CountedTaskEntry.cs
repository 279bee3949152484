namespace CredWatch.Exporter.Tasks;

/// <summary>What CredWatch remembers about one task id across restarts (no task text beyond the bounded label).</summary>
internal sealed class CountedTaskEntry
{
    public string Runtime { get; set; } = TaskLabels.Other;

    /// <summary>Reason label under which it was counted in credwatch_task_results_lost_total (null: not counted yet).</summary>
    public string? CountedReason { get; set; }

    public long? CountedAt { get; set; }

    public long? AlertedAt { get; set; }

    public long? ResolvedAt { get; set; }

    /// <summary>The requester agent's login as first seen with the failure: the cause "at the time".</summary>
    public AgentLoginState? Login { get; set; }

    /// <summary>The last undelivered reason seen (for the follow-up after the task left the ledger).</summary>
    public string? LastReason { get; set; }

    /// <summary>The bounded label as alerted: the follow-up names the same result.</summary>
    public string? Label { get; set; }

    /// <summary>
    /// True while the login this result failed on has been seen broken and not yet retried for: an
    /// automatic retry runs once per broken → live turn, never twice for the same cause.
    /// </summary>
    public bool AwaitingLogin { get; set; }

    /// <summary>Retries CredWatch ran for this result (oldest first), for the follow-up message.</summary>
    public List<TaskRetryRecord>? Retries { get; set; }
}
