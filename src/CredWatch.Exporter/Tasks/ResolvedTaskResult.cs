namespace CredWatch.Exporter.Tasks;

/// <summary>A previously alerted result that is now delivered, dismissed or gone from the ledger.</summary>
/// <param name="TaskId">The task id the alert was about.</param>
/// <param name="Runtime">Runtime label.</param>
/// <param name="ResolvedAt">When CredWatch saw it resolve.</param>
internal sealed record ResolvedTaskResult(string TaskId, string Runtime, DateTimeOffset ResolvedAt)
{
    public TaskOutcome Outcome { get; init; } = TaskOutcome.Delivered;

    /// <summary>Why, in a few words (no task text): e.g. "dismissed with openclaw tasks dismiss".</summary>
    public string? Detail { get; init; }

    /// <summary>The bounded label the alert named.</summary>
    public string? Label { get; init; }

    /// <summary>The last undelivered reason label seen for it (blocked, at_risk, …).</summary>
    public string? LastReason { get; init; }

    /// <summary>The login it failed on, as first seen with the failure.</summary>
    public AgentLoginState? Login { get; init; }

    /// <summary>When the ledger last recorded an event for it (the delivery time when delivered).</summary>
    public DateTimeOffset? SettledAt { get; init; }

    /// <summary>Retries CredWatch ran for it, oldest first.</summary>
    public IReadOnlyList<TaskRetryRecord> Retries { get; init; } = [];
}
