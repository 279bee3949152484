namespace CredWatch.LogTail.Metrics;

/// <summary>Bounded values of <c>credwatch_log_rotations_total{kind}</c>.</summary>
public static class RotationKinds
{
    /// <summary>The followed file was renamed away and a new file took its name (or a newer file appeared).</summary>
    public const string Rename = "rename";

    /// <summary>Same inode, head changed: copied then truncated, possibly already regrown past the old offset.</summary>
    public const string CopyTruncate = "copytruncate";

    /// <summary>Same inode and head, but shorter than our offset.</summary>
    public const string Truncate = "truncate";

    /// <summary>At start, a stored position's file is gone and another file holds the path.</summary>
    public const string Replaced = "replaced";

    /// <summary>A followed file disappeared.</summary>
    public const string Deleted = "deleted";

    public static readonly IReadOnlyList<string> All = [Rename, CopyTruncate, Truncate, Replaced, Deleted];
}
