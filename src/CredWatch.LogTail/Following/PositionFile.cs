using CredWatch.LogTail.Signals;

namespace CredWatch.LogTail.Following;

/// <summary>The persisted document: file positions by "dev:ino" (the journald cursor has its own file).</summary>
internal sealed record PositionFile
{
    public int Version { get; init; } = 1;

    public Dictionary<string, StoredPosition> Files { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The deduplicator's memory as of these positions: saved in the same write, so after a crash a failure whose
    /// first lines were counted before it is not counted again from the lines after.
    /// </summary>
    public DedupeState? Dedupe { get; init; }
}
