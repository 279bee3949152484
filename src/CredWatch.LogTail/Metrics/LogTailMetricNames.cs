namespace CredWatch.LogTail.Metrics;

/// <summary>Instrument names (OTel) and what a Prometheus scrape shows (METRICS.md, LogTail section).</summary>
public static class LogTailMetricNames
{
    public const string MeterName = "CredWatch.LogTail";

    /// <summary>Series any instrument of this meter may have: its labels come from small closed sets (signal × provider, kind, reason).</summary>
    public const int CardinalityLimit = 500;

    /// <summary>credwatch_log_signals_total{signal,provider}</summary>
    public const string Signals = "credwatch.log.signals";

    /// <summary>credwatch_log_lines_total</summary>
    public const string Lines = "credwatch.log.lines";

    /// <summary>credwatch_log_read_bytes_total (unit in braces: adds no suffix)</summary>
    public const string ReadBytes = "credwatch.log.read_bytes";

    /// <summary>credwatch_log_rotations_total{kind}</summary>
    public const string Rotations = "credwatch.log.rotations";

    /// <summary>credwatch_log_skipped_lines_total{reason}</summary>
    public const string SkippedLines = "credwatch.log.skipped_lines";

    /// <summary>credwatch_log_last_signal_timestamp_seconds{signal} (unit s appends _seconds)</summary>
    public const string LastSignalTimestamp = "credwatch.log.last_signal.timestamp";
}
