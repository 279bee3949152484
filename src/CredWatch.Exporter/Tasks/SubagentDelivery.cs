namespace CredWatch.Exporter.Tasks;

/// <summary>
/// The <c>delivery</c> object of a <c>subagent_runs.payload_json</c> run record (docs/openclaw-observed.md). A
/// <c>suspended</c> delivery is OpenClaw's "blocked completion", the one <c>openclaw tasks retry</c> re-drives.
/// </summary>
internal sealed record SubagentDelivery
{
    public string? Status { get; init; }

    public string? SuspendedReason { get; init; }

    public string? LastError { get; init; }

    public int AttemptCount { get; init; }

    public long? DeadlineAt { get; init; }

    public bool IsSuspended => string.Equals(Status, "suspended", StringComparison.Ordinal);

    public bool IsRetrying => Status is "pending" or "in_progress" && (AttemptCount >= 1 || !string.IsNullOrEmpty(LastError));
}
