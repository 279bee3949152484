using System.Diagnostics.Metrics;
using CredWatch.Alerts;
using CredWatch.Exporter.Stores;
using CredWatch.LogTail.Metrics;
using CredWatch.State;
using CredWatch.Alerts.Metrics;

namespace CredWatch.Exporter.Metrics;

/// <summary>
/// OTel's per-metric cardinality limit, chosen from each instrument's label shape and the size of the fleet.
/// OTel allocates one MetricPoint (72 bytes) for every point up to the limit when the instrument is first seen,
/// used or not, and in the Native AOT build those arrays end up resident:
/// fixed limits sized for ~2,200 agents were 12.3 MB of a 100-agent daemon's heap. So the fleet-shaped instruments
/// are sized for an <see cref="AgentCapacity"/> — twice the agents found at start, at least
/// <see cref="MinAgentCapacity"/>, or <c>CredWatch:Metrics:AgentCapacity</c>. A series past a limit is not exported
/// (OTel folds it into one <c>otel_metric_overflow="true"</c> series): <see cref="MetricsCapacityMonitor"/> warns when
/// the fleet outgrows the capacity, and the <c>CredWatchMetricsOverflow</c> rule fires on any overflow series.
/// </summary>
internal sealed class CardinalityLimits
{
    /// <summary>The least capacity of an automatically sized daemon: room for a small gateway to grow without a restart.</summary>
    public const int MinAgentCapacity = 250;

    /// <summary>
    /// Largest capacity: 68 points per agent (2 fan-out instruments × 12, 22 per-store ones × 2) at 72 bytes are ~4.9 MB
    /// preallocated per 1,000 agents, so this bound keeps a typo from asking for gigabytes (~245 MB here).
    /// </summary>
    public const int MaxAgentCapacity = 50_000;

    /// <summary>
    /// Labels from small closed sets (reason, result, runtime × status, channel, kind) or none at all. Far above any
    /// set CredWatch produces (the largest, runtime × reason, is under 50) and cheap (~36 kB).
    /// </summary>
    public const int Bounded = 500;

    /// <summary>Points per agent of a fan-out instrument: 10 error reasons per store; 12 one-hot states per credential.</summary>
    public const int FanOutPerAgent = 12;

    /// <summary>Points per agent of a per-store/per-profile instrument (agents usually hold one or two profiles).</summary>
    public const int PerAgent = 2;

    /// <summary>Stores that are not agents (the CLI stores, the shared store and its profiles) on top of the capacity.</summary>
    public const int ExtraStores = 64;

    // Every CredWatch instrument whose labels include store, agent or profile (so its series grow with the fleet).
    private static readonly HashSet<string> FanOut = new(StringComparer.Ordinal) { MetricNames.TokenState, MetricNames.StoreErrors };

    private static readonly HashSet<string> Fleet = new(StringComparer.Ordinal)
    {
        MetricNames.StoreUp, MetricNames.StorePresent, MetricNames.StoreLastChange, MetricNames.StoreSchemaVersion, MetricNames.TokenExpiry, MetricNames.LoginExpiry,
        MetricNames.RefreshTokenExpiry, MetricNames.FingerprintMismatch, MetricNames.ProfileShadowed, MetricNames.StoreIgnoredJson,
        MetricNames.ProfileCooldownUntil, MetricNames.ProfileDisabledUntil, MetricNames.ProfileDisabled, MetricNames.ProfileErrors,
        MetricNames.ProfileFailures, MetricNames.ProfileLastUsed, MetricNames.ProfileLastFailure, MetricNames.AgentUsableProfiles,
        MetricNames.AgentUsableProviders, MetricNames.AgentEffectiveCredential, MetricNames.ProfileLastGood, MetricNames.ProfileConfigSmell,
        MetricNames.Resyncs, MetricNames.ResyncFailures, MetricNames.ResyncSkipped,
    };

    // The Exporter's instruments with closed label sets (reason, result, runtime × status).
    private static readonly HashSet<string> Closed = new(StringComparer.Ordinal)
    {
        MetricNames.BuildInfo, MetricNames.HttpAuthFailures, MetricNames.WebInsecureExposed, MetricNames.WebConfigReloads,
        MetricNames.WebTlsCertExpiry, MetricNames.TaskResultsUndelivered, MetricNames.TaskResultsLost,
        MetricNames.TaskOldestUndeliveredAge, MetricNames.Tasks, MetricNames.DeliveryQueueFailed,
        MetricNames.MetricsAgentCapacity, MetricNames.MetricsAgents, MetricNames.TaskRetries,
    };

    // The libraries declare their meters' limits: at OTel's default of 2,000, LogTail's and Alerts' ten instruments
    // alone preallocated ~1.4 MB.
    private static readonly Dictionary<string, int> LibraryMeters = new(StringComparer.Ordinal)
    {
        [LogTailMetricNames.MeterName] = LogTailMetricNames.CardinalityLimit,
        [AlertMetricNames.MeterName] = AlertMetricNames.CardinalityLimit,
        [StateFileReporter.MeterName] = StateFileReporter.CardinalityLimit,
    };

    public CardinalityLimits(int agentCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(agentCapacity, 1);
        AgentCapacity = agentCapacity;
        PerStoreFanOut = (agentCapacity + ExtraStores) * FanOutPerAgent;
        PerStore = (agentCapacity + ExtraStores) * PerAgent;
    }

    /// <summary>OpenClaw agents every fleet-shaped instrument has room for.</summary>
    public int AgentCapacity { get; }

    /// <summary>Limit of the fan-out instruments (store × reason, credential × state).</summary>
    public int PerStoreFanOut { get; }

    /// <summary>Limit of the instruments with one or two series per store, profile or agent × provider.</summary>
    public int PerStore { get; }

    /// <summary>
    /// The unit <see cref="AgentCapacity"/> counts: an OpenClaw agent store. One predicate for the count made at start
    /// (discovery) and the one watched while running (the registry), so the two cannot drift apart.
    /// </summary>
    public static bool CountsAsAgent(StoreId id) => id.Agent is not null;

    /// <summary>
    /// The capacity for a fleet of <paramref name="agentsFound"/> agents: <paramref name="configured"/> when set (&gt; 0),
    /// else twice the fleet (room to grow by as much again before a restart), at least <see cref="MinAgentCapacity"/>.
    /// </summary>
    public static CardinalityLimits ForFleet(int agentsFound, int configured) =>
        new(configured > 0 ? configured : Math.Min(MaxAgentCapacity, Math.Max(MinAgentCapacity, 2 * agentsFound)));

    /// <summary>
    /// The limit for an instrument of a <c>CredWatch.*</c> meter, or null for OTel's default (2,000): an instrument
    /// this table does not know (another component's meter) keeps the default rather than a guess.
    /// </summary>
    public int? For(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return FanOut.Contains(instrument.Name) ? PerStoreFanOut
            : Fleet.Contains(instrument.Name) ? PerStore
            : Closed.Contains(instrument.Name) ? Bounded
            : LibraryMeters.TryGetValue(instrument.Meter.Name, out var limit) ? limit
            : null;
    }
}
