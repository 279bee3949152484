namespace CredWatch.LogTail.Following;

/// <summary>One followed file's persisted position, keyed by (device, inode) in <see cref="PositionFile"/>.</summary>
internal sealed record StoredPosition
{
    public required string Path { get; init; }

    public required long Offset { get; init; }

    /// <summary>Hex SHA-256 (first 16 bytes) of the first <see cref="HeadLength"/> bytes; detects copytruncate and inode reuse.</summary>
    public required string HeadHash { get; init; }

    public required int HeadLength { get; init; }

    /// <summary>Inside an over-cap line: skip to the next newline on resume.</summary>
    public bool Discarding { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
