namespace CredWatch.Exporter.Tasks;

/// <summary>
/// What one pass over the ledger saw. On failure (<see cref="Reason"/> set) the other fields hold the
/// last good view, so a busy or vanished database never makes results look resolved.
/// </summary>
internal sealed record LedgerReadResult
{
    /// <summary>Null when the read succeeded; else a store error reason (not_found, unsupported_layout, busy, corrupt_db, permission_denied, read_failed).</summary>
    public string? Reason { get; init; }

    /// <summary>Human detail for the reason, without secrets or task text.</summary>
    public string? Detail { get; init; }

    /// <summary>True when this pass read the whole ledger.</summary>
    public bool Full { get; init; }

    /// <summary>True when the database changed since the previous pass (false: nothing was read).</summary>
    public bool Changed { get; init; }

    /// <summary>Rows materialised by this pass (a measure of incremental work).</summary>
    public int RowsRead { get; init; }

    /// <summary>Every row that is or may become undelivered (see <see cref="TaskClassifier.NeedsTracking"/>).</summary>
    public IReadOnlyList<LedgerTask> Tracked { get; init; } = [];

    /// <summary>Task counts by (runtime, status) label.</summary>
    public IReadOnlyDictionary<(string Runtime, string Status), int> TaskCounts { get; init; } =
        new Dictionary<(string, string), int>();

    /// <summary>Failed outbound messages by channel label.</summary>
    public IReadOnlyDictionary<string, int> QueueFailed { get; init; } = new Dictionary<string, int>();

    public int TotalTasks { get; init; }
}
