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
        var meter = meterFactory.Create(MetricNames.Meter, CoreMetrics.Version);
        meter.CreateObservableGauge(HealthMetricNames.CooldownUntil, () => Stored(monitor, u => Seconds(u.CooldownUntil)),
            unit: MetricNames.UnitSeconds, description: "OpenClaw cooldownUntil of an auth profile (0 when none is active)");
        meter.CreateObservableGauge(HealthMetricNames.DisabledUntil, () => Stored(monitor, u => Seconds(u.DisabledUntil)),
            unit: MetricNames.UnitSeconds, description: "OpenClaw disabledUntil of an auth profile (0 when none is active)");
        meter.CreateObservableGauge(HealthMetricNames.Disabled, () => monitor.Current.Stored.Select(u => new Measurement<int>(
                u.DisabledUntil is null ? 0 : 1, [.. Tags(u), new(MetricNames.TagReason, u.DisabledReason ?? "none")])),
            description: "1 while OpenClaw has the profile disabled, by disabledReason");
        meter.CreateObservableGauge(HealthMetricNames.Errors, () => Stored(monitor, u => u.ErrorCount),
            description: "OpenClaw errorCount of an auth profile (resets on success)");
        meter.CreateObservableGauge(HealthMetricNames.Failures, () => Failures(monitor),
            description: "OpenClaw failureCounts of an auth profile, by reason");
        meter.CreateObservableGauge(HealthMetricNames.LastUsed, () => monitor.Current.Stored.Where(u => u.LastUsed is not null)
                .Select(u => new Measurement<double>(Seconds(u.LastUsed), Tags(u))),
            unit: MetricNames.UnitSeconds, description: "OpenClaw lastUsed of an auth profile");
        meter.CreateObservableGauge(HealthMetricNames.LastFailure, () => monitor.Current.Stored.Where(u => u.LastFailureAt is not null)
                .Select(u => new Measurement<double>(Seconds(u.LastFailureAt), Tags(u))),
            unit: MetricNames.UnitSeconds, description: "OpenClaw lastFailureAt of an auth profile");
        meter.CreateObservableGauge(HealthMetricNames.AgentUsableProfiles, () => UsableProfiles(monitor),
            description: "Profiles OpenClaw could use right now for this agent and provider");
        meter.CreateObservableGauge(HealthMetricNames.AgentUsableProviders, () => monitor.Current.Agents.Where(a => a.Known)
                .Select(a => new Measurement<int>(a.UsableProviders, new KeyValuePair<string, object?>(MetricNames.TagAgent, a.Agent))),
            description: "Providers with at least one usable profile for this agent (0: the agent cannot answer anyone)");
        meter.CreateObservableGauge(HealthMetricNames.LastGood, () => LastGood(monitor),
            description: "1 for the profile OpenClaw will try first for this agent and provider (lastGood, else order)");
        meter.CreateObservableGauge(HealthMetricNames.ConfigSmell, () => monitor.Current.Smells.Select(s => new Measurement<int>(1,
                [.. CoreMetrics.ProfileTags(s.Store, s.Provider, s.DisplayId), new(HealthMetricNames.TagSmell, s.Smell)])),
            description: "1 per profile stored in a way that will hurt later (token without refresh, oauth without refresh, unresolvable secret ref)");
    }

    private static double Seconds(DateTimeOffset? t) => t is { } v ? v.ToUnixTimeMilliseconds() / 1000.0 : 0;

    private static KeyValuePair<string, object?>[] Tags(StoredProfileUsage u) => CoreMetrics.ProfileTags(u.Store, u.Provider, u.DisplayId);

    private static IEnumerable<Measurement<T>> Stored<T>(ProfileHealthMonitor monitor, Func<StoredProfileUsage, T> value)
        where T : struct => monitor.Current.Stored.Select(u => new Measurement<T>(value(u), Tags(u)));

    private static IEnumerable<Measurement<long>> Failures(ProfileHealthMonitor monitor)
    {
        foreach (var u in monitor.Current.Stored)
        {
            foreach (var (reason, count) in u.FailureCounts)
            {
                yield return new Measurement<long>(count, [.. Tags(u), new(MetricNames.TagReason, reason)]);
            }
        }
    }

    private static IEnumerable<Measurement<int>> UsableProfiles(ProfileHealthMonitor monitor)
    {
        foreach (var a in monitor.Current.Agents.Where(a => a.Known))
        {
            foreach (var p in a.Providers)
            {
                yield return new Measurement<int>(p.UsableProfiles, new(MetricNames.TagAgent, a.Agent), new(MetricNames.TagProvider, p.Provider));
            }
        }
    }

    private static IEnumerable<Measurement<int>> LastGood(ProfileHealthMonitor monitor)
    {
        foreach (var a in monitor.Current.Agents.Where(a => a.Known))
        {
            foreach (var p in a.Providers)
            {
                foreach (var e in p.Profiles)
                {
                    // store = where the credential lives; agent = the agent that uses it.
                    yield return new Measurement<int>(e.FirstTried ? 1 : 0, CoreMetrics.ProfileTags(new StoreId(e.Holder.Store, a.Agent), p.Provider, e.DisplayId));
                }
            }
        }
    }
}
