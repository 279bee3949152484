using System.Diagnostics.Metrics;

namespace CredWatch.Exporter.Metrics;

/// <summary>
/// OTel's per-metric cardinality limit, chosen from each instrument's label shape. OTel allocates (and the GC zeroes)
/// one MetricPoint (~100 bytes) plus lookup slots for every point up to the limit when the instrument is first seen,
/// whether or not it is ever used: a flat 5,000 for ~45 instruments was ~24 MB of RSS, most of it for metrics
/// that can never have more than a handful of series. A series past the limit is not exported (it is folded into
/// <c>otel_metric_overflow</c>), so the per-store limits stay generous: they must hold every agent.
/// </summary>
internal static class CardinalityLimits
{
    /// <summary>store × reason (10 reasons, every one present from 0) and credential × 11 one-hot states: ~2,200 agents.</summary>
    public const int PerStoreFanOut = 25_000;

    /// <summary>One or two series per store, profile or agent × provider: ~2,500 agents.</summary>
    public const int PerStore = 5_000;

    /// <summary>
    /// Labels from small closed sets (reason, result, runtime × status, channel, kind) or none at all. Far above any
    /// set CredWatch produces (the largest, runtime × reason, is under 50) and cheap (~50 kB).
    /// </summary>
    public const int Bounded = 500;

    // Every CredWatch instrument whose labels include store, agent or profile (so its series grow with the fleet).
    private static readonly HashSet<string> FanOut = new(StringComparer.Ordinal) { MetricNames.TokenState, MetricNames.StoreErrors };

    private static readonly HashSet<string> Fleet = new(StringComparer.Ordinal)
    {
        MetricNames.StoreUp, MetricNames.StoreLastChange, MetricNames.StoreSchemaVersion, MetricNames.TokenExpiry,
        MetricNames.RefreshTokenExpiry, MetricNames.FingerprintMismatch, MetricNames.ProfileShadowed, MetricNames.StoreIgnoredJson,
        MetricNames.ProfileCooldownUntil, MetricNames.ProfileDisabledUntil, MetricNames.ProfileDisabled, MetricNames.ProfileErrors,
        MetricNames.ProfileFailures, MetricNames.ProfileLastUsed, MetricNames.ProfileLastFailure, MetricNames.AgentUsableProfiles,
        MetricNames.AgentUsableProviders, MetricNames.ProfileLastGood, MetricNames.ProfileConfigSmell,
        MetricNames.Resyncs, MetricNames.ResyncFailures, MetricNames.ResyncSkipped,
    };

    // Instruments known to have closed label sets (the Exporter's, LogTail's signal × provider, Alerts' kind/reason):
    // at OTel's default of 2,000, LogTail's and Alerts' ten instruments alone preallocated ~1.4 MB.
    private static readonly HashSet<string> Closed = new(StringComparer.Ordinal)
    {
        LogTail.Metrics.LogTailMetricNames.Signals, LogTail.Metrics.LogTailMetricNames.Lines, LogTail.Metrics.LogTailMetricNames.ReadBytes,
        LogTail.Metrics.LogTailMetricNames.Rotations, LogTail.Metrics.LogTailMetricNames.SkippedLines, LogTail.Metrics.LogTailMetricNames.LastSignalTimestamp,
        Alerts.AlertMetricNames.Sent, Alerts.AlertMetricNames.SendFailures, Alerts.AlertMetricNames.OutboxDepth,
        Alerts.AlertMetricNames.Firing,
        MetricNames.BuildInfo, MetricNames.HttpAuthFailures, MetricNames.WebInsecureExposed, MetricNames.WebConfigReloads,
        MetricNames.WebTlsCertExpiry, MetricNames.TaskResultsUndelivered, MetricNames.TaskResultsLost,
        MetricNames.TaskOldestUndeliveredAge, MetricNames.Tasks, MetricNames.DeliveryQueueFailed, MetricNames.HeapTrims, MetricNames.HeapTrimmedBytes,
    };

    /// <summary>
    /// The limit for an instrument of a <c>CredWatch.*</c> meter, or null for OTel's default (2,000): an instrument
    /// this table does not know (another component's meter) keeps the default rather than a guess.
    /// </summary>
    public static int? For(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return FanOut.Contains(instrument.Name) ? PerStoreFanOut
            : Fleet.Contains(instrument.Name) ? PerStore
            : Closed.Contains(instrument.Name) ? Bounded
            : null;
    }
}
