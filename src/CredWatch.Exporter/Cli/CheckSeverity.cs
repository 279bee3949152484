namespace CredWatch.Exporter.Cli;

/// <summary>Monitoring-plugin severities; the numeric value is the exit code.</summary>
internal enum CheckSeverity
{
    Ok = 0,
    Warning = 1,
    Critical = 2,
    Unknown = 3,
}
