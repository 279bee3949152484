namespace CredWatch.Exporter.Tasks;

/// <summary>Output of <c>credwatch scan --tasks [STATE_DB] --json</c>: the post-mortem without logs.</summary>
internal sealed record TaskScanReport
{
    public required string Database { get; init; }

    public required DateTimeOffset ScannedAt { get; init; }

    public required bool Up { get; init; }

    public string? Reason { get; init; }

    public string? Detail { get; init; }

    public int TotalTasks { get; init; }

    public int Count { get; init; }

    /// <summary>Every undelivered result, newest first.</summary>
    public required IReadOnlyList<TaskResultItem> Results { get; init; }
}
