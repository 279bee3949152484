namespace CredWatch.Exporter.Resync;

/// <summary>
/// Resync instrument names (meter <c>CredWatch.Exporter</c>); belongs in Metrics/MetricNames.cs once
/// that file exists — kept here so this folder builds alone.
/// </summary>
internal static class ResyncMetricNames
{
    public const string Meter = "CredWatch.Exporter";

    /// <summary>Scrapes as <c>credwatch_resyncs_total{agent}</c>.</summary>
    public const string Resyncs = "credwatch.resyncs";

    /// <summary>Scrapes as <c>credwatch_resync_failures_total{agent,reason}</c>.</summary>
    public const string Failures = "credwatch.resync.failures";

    /// <summary>Scrapes as <c>credwatch_resync_skipped_total{agent,reason}</c>.</summary>
    public const string Skipped = "credwatch.resync.skipped";
}
