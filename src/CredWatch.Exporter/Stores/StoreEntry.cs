namespace CredWatch.Exporter.Stores;

/// <summary>A store's latest snapshot plus what the registry tracks over time.</summary>
/// <param name="Snapshot">Latest read.</param>
/// <param name="LastChangeAt">When the store's content (or error) last changed, as seen by CredWatch.</param>
/// <param name="ErrorCounts">Failed reads so far per reason (every reason present, from 0).</param>
internal sealed record StoreEntry(StoreSnapshot Snapshot, DateTimeOffset LastChangeAt, IReadOnlyDictionary<string, long> ErrorCounts);
