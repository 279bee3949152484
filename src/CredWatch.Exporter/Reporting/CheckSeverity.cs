namespace CredWatch.Exporter.Reporting;

/// <summary>
/// Monitoring-plugin severities; the numeric value is the exit code. The overall result is the most urgent line by
/// <see cref="CheckSeverities.Rank"/> (CRITICAL &gt; WARNING &gt; UNKNOWN &gt; OK), not the largest exit code.
/// </summary>
internal enum CheckSeverity
{
    Ok = 0,
    Warning = 1,
    Critical = 2,
    Unknown = 3,
}
