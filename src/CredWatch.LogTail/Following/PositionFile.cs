namespace CredWatch.LogTail.Following;

/// <summary>The persisted document: file positions by "dev:ino", and the journald cursor.</summary>
internal sealed record PositionFile
{
    public int Version { get; init; } = 1;

    public Dictionary<string, StoredPosition> Files { get; init; } = new(StringComparer.Ordinal);

    public string? JournalCursor { get; init; }
}
