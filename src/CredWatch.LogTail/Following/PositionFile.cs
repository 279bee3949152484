namespace CredWatch.LogTail.Following;

/// <summary>The persisted document: file positions by "dev:ino" (the journald cursor has its own file).</summary>
internal sealed record PositionFile
{
    public int Version { get; init; } = 1;

    public Dictionary<string, StoredPosition> Files { get; init; } = new(StringComparer.Ordinal);
}
