namespace CredWatch.LogTail.Signals;

/// <summary>Bounded values of <c>credwatch_log_skipped_lines_total{reason}</c>.</summary>
public static class SkipReasons
{
    /// <summary>Longer than <c>LogTail:MaxLineBytes</c>: not matched, bytes dropped as they arrive.</summary>
    public const string TooLong = "too_long";

    /// <summary>Invalid UTF-8 in a candidate line: matched after lossy decoding.</summary>
    public const string InvalidUtf8 = "invalid_utf8";

    /// <summary>A candidate line starting with '{' that is not JSON (torn write): matched as plain text.</summary>
    public const string InvalidJson = "invalid_json";

    public static readonly IReadOnlyList<string> All = [TooLong, InvalidUtf8, InvalidJson];
}
