namespace CredWatch.Exporter.Stores;

/// <summary>The fixed set of <c>reason</c> label values of <c>credwatch_store_errors_total</c>.</summary>
internal static class StoreErrorReasons
{
    /// <summary>The store's file or directory does not exist.</summary>
    public const string NotFound = "not_found";

    /// <summary>EACCES / EPERM while opening or reading.</summary>
    public const string PermissionDenied = "permission_denied";

    /// <summary>Not parsable JSON after the torn-read retries, or a JSON value of the wrong type.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>Valid JSON that is not a known store shape or version.</summary>
    public const string SchemaUnknown = "schema_unknown";

    /// <summary>A directory holding files in a layout CredWatch does not understand.</summary>
    public const string UnsupportedLayout = "unsupported_layout";

    /// <summary>Any other IO failure (including symlink loops).</summary>
    public const string ReadFailed = "read_failed";

    /// <summary>File larger than <c>Scan:MaxFileBytes</c>.</summary>
    public const string TooLarge = "too_large";

    /// <summary>Not UTF-8 text (binary garbage).</summary>
    public const string InvalidUtf8 = "invalid_utf8";

    /// <summary>SQLite database locked beyond the busy timeout and retries.</summary>
    public const string Busy = "busy";

    /// <summary>SQLite file is not a database, is truncated, or lacks the expected tables.</summary>
    public const string CorruptDb = "corrupt_db";

    /// <summary>Every reason, in a stable order; each gets a zero series per known store.</summary>
    public static readonly IReadOnlyList<string> All =
        [NotFound, PermissionDenied, InvalidJson, SchemaUnknown, UnsupportedLayout, ReadFailed, TooLarge, InvalidUtf8, Busy, CorruptDb];
}
