namespace CredWatch.Exporter.Stores;

/// <summary>A store's latest snapshot plus what the registry tracks over time.</summary>
/// <param name="Snapshot">Latest read.</param>
/// <param name="LastChangeAt">When the store's content (or error) last changed, as seen by CredWatch.</param>
/// <param name="ErrorCounts">Failed reads so far per reason (every reason present, from 0).</param>
internal sealed record StoreEntry(StoreSnapshot Snapshot, DateTimeOffset LastChangeAt, IReadOnlyDictionary<string, long> ErrorCounts)
{
    /// <summary>True once the store was seen present (a store that vanishes afterwards is an error, not absent).</summary>
    public bool EverPresent { get; init; }

    /// <summary>Consecutive scans that failed to read the store (0 when up or absent): alerts wait for a few.</summary>
    public int FailedScans { get; init; }

    /// <summary>When the current run of failed scans began (null when up or absent).</summary>
    public DateTimeOffset? FailingSince { get; init; }
}
