using System.Diagnostics.Metrics;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Health;

/// <summary>
/// Profile-health observable instruments on the Exporter's meter. Every callback reads
/// <see cref="ProfileHealthMonitor.Current"/> (pure, re-evaluated against the clock), so a cooldown ending shows
/// up on the next scrape without any file changing. Per-agent series (usable counts, last good) use the
/// consuming agent's id; per-store series use the store that recorded the usage.
/// </summary>
internal sealed class HealthMetrics
{
    public HealthMetrics(IMeterFactory meterFactory, ProfileHealthMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(monitor);
        var meter = meterFactory.Create(MetricNames.Meter);
        meter.CreateObservableGauge(MetricNames.ProfileCooldownUntil, Stored<double>(monitor, u => Seconds(u.CooldownUntil)),
            unit: MetricNames.UnitSeconds, description: "OpenClaw cooldownUntil of an auth profile (0 when none is active)");
        meter.CreateObservableGauge(MetricNames.ProfileDisabledUntil, Stored<double>(monitor, u => Seconds(u.DisabledUntil)),
            unit: MetricNames.UnitSeconds, description: "OpenClaw disabledUntil of an auth profile (0 when none is active)");
        meter.CreateObservableGauge(MetricNames.ProfileDisabled, Recycled<int>(monitor, static (r, b) =>
            {
                foreach (var u in r.Stored)
                {
                    var reason = u.DisabledReason ?? "none";
                    b.Add(u.DisabledUntil is null ? 0 : 1, Key(u, reason), (u, reason), static x => MetricTags.Sorted([.. Tags(x.u), new(MetricNames.TagReason, x.reason)]));
                }
            }),
            description: "1 while OpenClaw has the profile disabled, by disabledReason");
        meter.CreateObservableGauge(MetricNames.ProfileErrors, Stored<long>(monitor, u => u.ErrorCount),
            description: "OpenClaw errorCount of an auth profile (resets on success)");
        meter.CreateObservableGauge(MetricNames.ProfileFailures, Recycled<long>(monitor, static (r, b) =>
            {
                foreach (var u in r.Stored)
                {
                    foreach (var (reason, count) in u.FailureCounts)
                    {
                        b.Add(count, Key(u, reason), (u, reason), static x => MetricTags.Sorted([.. Tags(x.u), new(MetricNames.TagReason, x.reason)]));
                    }
                }
            }),
            description: "OpenClaw failureCounts of an auth profile, by reason");
        meter.CreateObservableGauge(MetricNames.ProfileLastUsed, Stored<double>(monitor, u => u.LastUsed is null ? (double?)null : Seconds(u.LastUsed)),
            unit: MetricNames.UnitSeconds, description: "OpenClaw lastUsed of an auth profile");
        meter.CreateObservableGauge(MetricNames.ProfileLastFailure, Stored<double>(monitor, u => u.LastFailureAt is null ? (double?)null : Seconds(u.LastFailureAt)),
            unit: MetricNames.UnitSeconds, description: "OpenClaw lastFailureAt of an auth profile");
        meter.CreateObservableGauge(MetricNames.AgentUsableProfiles, Recycled<int>(monitor, static (r, b) =>
            {
                foreach (var a in r.Agents.Where(a => a.Known))
                {
                    foreach (var p in a.Providers)
                    {
                        b.Add(p.UsableProfiles, new SeriesKey(new StoreId(string.Empty, a.Agent), p.Provider), (a.Agent, p.Provider),
                            static x => [new(MetricNames.TagAgent, x.Agent), new(MetricNames.TagProvider, x.Provider)]);
                    }
                }
            }),
            description: "Profiles OpenClaw could use right now for this agent and provider");
        meter.CreateObservableGauge(MetricNames.AgentUsableProviders, Recycled<int>(monitor, static (r, b) =>
            {
                foreach (var a in r.Agents.Where(a => a.Known))
                {
                    b.Add(a.UsableProviders, new SeriesKey(new StoreId(string.Empty, a.Agent)), a.Agent, static agent => [new(MetricNames.TagAgent, agent)]);
                }
            }),
            description: "Providers with at least one usable profile for this agent (0: the agent cannot answer anyone)");
        meter.CreateObservableGauge(MetricNames.ProfileLastGood, Recycled<int>(monitor, static (r, b) =>
            {
                foreach (var a in r.Agents.Where(a => a.Known))
                {
                    foreach (var p in a.Providers)
                    {
                        foreach (var e in p.Profiles)
                        {
                            // store = where the credential lives; agent = the agent that uses it.
                            var id = new StoreId(e.Holder.Store, a.Agent);
                            b.Add(e.FirstTried ? 1 : 0, new SeriesKey(id, p.Provider, e.DisplayId), (id, p.Provider, e.DisplayId),
                                static x => CoreMetrics.ProfileTags(x.id, x.Provider, x.DisplayId));
                        }
                    }
                }
            }),
            description: "1 for the profile OpenClaw will try first for this agent and provider (lastGood, else order)");
        meter.CreateObservableGauge(MetricNames.ProfileConfigSmell, Recycled<int>(monitor, static (r, b) =>
            {
                foreach (var s in r.Smells)
                {
                    b.Add(1, new SeriesKey(s.Store, s.Provider, s.DisplayId, s.Smell), s,
                        static x => MetricTags.Sorted([.. CoreMetrics.ProfileTags(x.Store, x.Provider, x.DisplayId), new(MetricNames.TagSmell, x.Smell)]));
                }
            }),
            description: "1 per profile stored in a way that will hurt later (token without refresh, oauth without refresh, unresolvable secret ref)");
    }

    // Callbacks hand out measurements rebuilt only where a value or series changed since the last evaluation
    // (the report is re-evaluated every second; most values stay the same): see RecycledMeasurements.
    private static Func<IEnumerable<Measurement<T>>> Recycled<T>(ProfileHealthMonitor monitor, Action<HealthReport, RecycledMeasurements<T>.Builder> fill)
        where T : struct, IEquatable<T>
    {
        var cache = new RecycledMeasurements<T>();
        return () =>
        {
            var report = monitor.Current;
            return cache.Get(report, report, fill);
        };
    }

    /// <summary>One series per stored profile usage; a null value means no series for that profile.</summary>
    private static Func<IEnumerable<Measurement<T>>> Stored<T>(ProfileHealthMonitor monitor, Func<StoredProfileUsage, T?> value)
        where T : struct, IEquatable<T> => Recycled<T>(monitor, (r, b) =>
        {
            foreach (var u in r.Stored)
            {
                if (value(u) is { } v)
                {
                    b.Add(v, Key(u), u, static x => Tags(x));
                }
            }
        });

    private static SeriesKey Key(StoredProfileUsage u, string? extra = null) => new(u.Store, u.Provider, u.DisplayId, extra);

    private static double Seconds(DateTimeOffset? t) => t is { } v ? v.ToUnixTimeMilliseconds() / 1000.0 : 0;

    private static KeyValuePair<string, object?>[] Tags(StoredProfileUsage u) => CoreMetrics.ProfileTags(u.Store, u.Provider, u.DisplayId);
}
