namespace CredWatch.Exporter.Tasks;

/// <summary>The <c>tasks</c> section of <c>/api/status</c> (no task text beyond the 80-character label).</summary>
internal sealed record TaskStatusSection
{
    public required string Store { get; init; }

    public required bool Up { get; init; }

    public string? Reason { get; init; }

    /// <summary>True when there is no ledger here (no state database, or none with task tables): not an error.</summary>
    public bool Absent { get; init; }

    public string? Detail { get; init; }

    public DateTimeOffset? LastPassAt { get; init; }

    public int TotalTasks { get; init; }

    public int Undelivered { get; init; }

    public double OldestUndeliveredAgeSeconds { get; init; }

    public required IReadOnlyDictionary<string, int> ByReason { get; init; }

    /// <summary>Newest first, at most <see cref="TaskLedgerOptions.StatusListLimit"/>.</summary>
    public required IReadOnlyList<TaskResultItem> Results { get; init; }

    public bool Truncated { get; init; }

    public static TaskStatusSection From(TaskLedgerSnapshot s, int limit) => new()
    {
        Store = s.Store,
        Up = s.Up,
        Reason = s.Reason,
        Absent = s.Absent,
        Detail = s.Detail,
        LastPassAt = s.LastPassAt,
        TotalTasks = s.TotalTasks,
        Undelivered = s.Results.Count,
        OldestUndeliveredAgeSeconds = Math.Round(s.OldestUndeliveredAgeSeconds, 3),
        ByReason = TaskLabels.Reasons.ToDictionary(r => r.ToLabel(), r => s.Results.Count(x => x.Reason == r), StringComparer.Ordinal),
        Results = [.. s.Results.Take(limit).Select(TaskResultItem.From)],
        Truncated = s.Results.Count > limit,
    };
}
