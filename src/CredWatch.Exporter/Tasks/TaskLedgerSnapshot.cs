namespace CredWatch.Exporter.Tasks;

/// <summary>The latest view of the ledger: what metrics, <c>/api/status</c> and <c>check</c> read.</summary>
internal sealed record TaskLedgerSnapshot
{
    public static TaskLedgerSnapshot Empty { get; } = new();

    /// <summary>Store label for the core's store metrics.</summary>
    public string Store { get; init; } = TaskLabels.Store;

    public string? DatabasePath { get; init; }

    /// <summary>True once a pass succeeded at least once.</summary>
    public bool Initialized { get; init; }

    /// <summary>True when the last pass read the ledger; false with <see cref="Reason"/> otherwise.</summary>
    public bool Up { get; init; }

    /// <summary>not_found, not_applicable, unsupported_layout, busy, corrupt_db, permission_denied, read_failed (null when up).</summary>
    public string? Reason { get; init; }

    public string? Detail { get; init; }

    /// <summary>
    /// No ledger here (no state database, or one without task tables), and none was configured or seen before:
    /// not an error (no <c>store_up</c> 0, nothing counted, OK in <c>check</c>).
    /// </summary>
    public bool Absent { get; init; }

    public DateTimeOffset? LastPassAt { get; init; }

    /// <summary>Every undelivered result, newest first.</summary>
    public IReadOnlyList<UndeliveredResult> Results { get; init; } = [];

    public double OldestUndeliveredAgeSeconds { get; init; }

    public IReadOnlyDictionary<(string Runtime, string Status), int> TaskCounts { get; init; } =
        new Dictionary<(string, string), int>();

    public IReadOnlyDictionary<string, int> QueueFailed { get; init; } = new Dictionary<string, int>();

    public int TotalTasks { get; init; }
}
