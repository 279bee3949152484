namespace CredWatch.Exporter.Tasks;

/// <summary>
/// One <c>task_runs</c> row as CredWatch keeps it: only the columns classification needs, never
/// <c>terminal_summary</c>/<c>progress_summary</c> (the result text). <see cref="TaskText"/> is the first
/// characters of <c>task</c>, read only to derive the bounded label when <c>label</c> is empty.
/// Timestamps are Unix milliseconds as OpenClaw stores them.
/// </summary>
internal sealed record LedgerTask
{
    public required long RowId { get; init; }

    public required string TaskId { get; init; }

    public required string Runtime { get; init; }

    public required string Status { get; init; }

    public required string DeliveryStatus { get; init; }

    public string? NotifyPolicy { get; init; }

    public string? RequesterSessionKey { get; init; }

    public string? RequesterAgentId { get; init; }

    public string? AgentId { get; init; }

    public string? RunId { get; init; }

    public string? ChildSessionKey { get; init; }

    public string? Label { get; init; }

    public string? TaskText { get; init; }

    public string? Error { get; init; }

    public long CreatedAt { get; init; }

    public long? StartedAt { get; init; }

    public long? EndedAt { get; init; }

    public long? LastEventAt { get; init; }

    public RequesterOrigin? Origin { get; init; }

    /// <summary>The linked subagent run's delivery record (subagent tasks only; null when absent).</summary>
    public SubagentDelivery? Delivery { get; init; }
}
