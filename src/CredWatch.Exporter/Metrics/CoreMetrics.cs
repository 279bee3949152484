using System.Diagnostics.Metrics;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Metrics;

/// <summary>
/// The core's observable instruments: every callback reads the registry's latest immutable state, so a
/// scrape costs no IO and reflects a change as soon as the registry publishes it.
/// </summary>
internal sealed class CoreMetrics
{
    public CoreMetrics(IMeterFactory meterFactory, StoreRegistry registry, IEnumerable<IStoreHealthSource> others)
    {
        IStoreHealthSource[] extra = [.. others];
        // No meter version: OTel would stamp otel_scope_version on every series, so each upgrade would replace all of
        // them in Prometheus (35,000 at 1,000 agents) for a fact credwatch_build_info already carries.
        var meter = meterFactory.Create(MetricNames.Meter);
        // An absent store (not configured, never seen, no copies of it) has no store_up series: absent is not broken.
        var up = Cached(registry, s => s.Stores.Values.Where(e => !e.Snapshot.Absent).Select(e => new Measurement<int>(e.Snapshot.Up ? 1 : 0, StoreTags(e.Snapshot.Id))));
        meter.CreateObservableGauge(MetricNames.StoreUp, () => up()
            .Concat(extra.Where(x => x.Up is not null).Select(x => new Measurement<int>(x.Up!.Value ? 1 : 0, new KeyValuePair<string, object?>(MetricNames.TagStore, x.Store)))),
            description: "1 when the store was read and understood, else 0 (no series while the store is absent)");
        var present = Cached(registry, s => s.Stores.Values.Select(e => new Measurement<int>(e.Snapshot.Present ? 1 : 0, StoreTags(e.Snapshot.Id))));
        meter.CreateObservableGauge(MetricNames.StorePresent, () => present()
            .Concat(extra.Where(x => x.Present is not null).Select(x => new Measurement<int>(x.Present!.Value ? 1 : 0, new KeyValuePair<string, object?>(MetricNames.TagStore, x.Store)))),
            description: "1 when the store's file or directory is there, 0 when it is not");
        var errors = Cached(registry, ErrorMeasurements);
        meter.CreateObservableCounter(MetricNames.StoreErrors, () => errors().Concat(ExtraErrorMeasurements(extra)),
            description: "Failed reads of a store, by reason (every reason present from 0)");
        meter.CreateObservableGauge(MetricNames.StoreLastChange, Cached(registry, s => s.Stores.Values.Select(e => new Measurement<double>(e.LastChangeAt.ToUnixTimeMilliseconds() / 1000.0, StoreTags(e.Snapshot.Id)))),
            unit: MetricNames.UnitSeconds, description: "When CredWatch last saw the store's content change");
        meter.CreateObservableGauge(MetricNames.StoreSchemaVersion, Cached(registry, s => s.Stores.Values.Where(e => e.Snapshot.SchemaVersion is not null)
            .Select(e => new Measurement<int>(e.Snapshot.SchemaVersion!.Value, StoreTags(e.Snapshot.Id)))),
            description: "Store schema: JSON version, or SQLite PRAGMA user_version");
        meter.CreateObservableGauge(MetricNames.TokenExpiry, Cached(registry, s => ProfileMeasurements(s, p => p.AccessExpiresAt)),
            unit: MetricNames.UnitSeconds, description: "Access-token expiry (fences excluded)");
        meter.CreateObservableGauge(MetricNames.RefreshTokenExpiry, Cached(registry, s => ProfileMeasurements(s, p => p.RefreshExpiresAt)),
            unit: MetricNames.UnitSeconds, description: "Refresh-token (login) expiry, where the store records it");
        meter.CreateObservableGauge(MetricNames.LoginExpiry, Cached(registry, s => s.Comparisons.Where(c => c.LoginExpiresAt is not null)
            .Select(c => new Measurement<double>(c.LoginExpiresAt!.Value.ToUnixTimeMilliseconds() / 1000.0, ProfileTags(c.Store, c.Provider, c.DisplayId)))),
            unit: MetricNames.UnitSeconds, description: "When the login itself ends (refresh-token expiry, or access-token expiry when nothing can refresh it)");
        meter.CreateObservableGauge(MetricNames.FingerprintMismatch, Cached(registry, s => s.Comparisons.Where(c => c.FingerprintMismatch is not null)
            .Select(c => new Measurement<int>(c.FingerprintMismatch!.Value ? 1 : 0, ProfileTags(c.Store, c.Provider, c.DisplayId)))),
            description: "1 when the copy's refresh token differs from its source of truth");
        meter.CreateObservableGauge(MetricNames.TokenState, Cached(registry, StateMeasurements),
            description: "One-hot credential state");
        meter.CreateObservableGauge(MetricNames.ProfileShadowed, Cached(registry, s => s.Comparisons.Where(c => c.ShadowsShared && c.Store.Agent is not null)
            .Select(c => new Measurement<int>(c.StaleShadow ? 1 : 0,
                new(MetricNames.TagAgent, c.Store.Agent), new(MetricNames.TagProfile, c.DisplayId), new(MetricNames.TagProvider, c.Provider)))),
            description: "1 when an agent's own profile is a stale shadow of a healthy shared-store profile (the agent uses the stale local copy)");
        meter.CreateObservableGauge(MetricNames.StoreIgnoredJson, Cached(registry, s => s.Stores.Values
            .Where(e => e.Snapshot.Id.Store is StoreLabels.OpenClaw or StoreLabels.OpenClawShared)
            .Select(e => new Measurement<int>(e.Snapshot.IgnoredResignIns.Count > 0 ? 1 : 0, StoreTags(e.Snapshot.Id)))),
            description: "1 when a migration archive holds a newer login the database never took (a discarded re-sign-in)");
        // Tags in key order (MetricTags): OTel keeps one entry per series only for sorted tags.
        meter.CreateObservableGauge(MetricNames.BuildInfo, () => new Measurement<int>(1,
                new KeyValuePair<string, object?>(MetricNames.TagRevision, BuildIdentity.Revision),
                new KeyValuePair<string, object?>(MetricNames.TagRuntime, BuildIdentity.Runtime),
                new KeyValuePair<string, object?>(MetricNames.TagVersion, BuildIdentity.Version)),
            description: "CredWatch build: version, source revision and .NET runtime");
    }

    // Callbacks hand out measurements built once per registry state (see StateMeasurements).
    private static Func<IEnumerable<Measurement<T>>> Cached<T>(StoreRegistry registry, Func<RegistryState, IEnumerable<Measurement<T>>> build)
        where T : struct => new StateMeasurements<T>(registry, build).Get;

    private static IEnumerable<Measurement<long>> ExtraErrorMeasurements(IStoreHealthSource[] extra)
    {
        foreach (var x in extra)
        {
            foreach (var (reason, count) in x.ErrorCounts)
            {
                yield return new Measurement<long>(count, new KeyValuePair<string, object?>(MetricNames.TagReason, reason), new KeyValuePair<string, object?>(MetricNames.TagStore, x.Store));
            }
        }
    }

    private static IEnumerable<Measurement<long>> ErrorMeasurements(RegistryState state)
    {
        foreach (var e in state.Stores.Values)
        {
            foreach (var (reason, count) in e.ErrorCounts)
            {
                yield return new Measurement<long>(count, MetricTags.Sorted([.. StoreTags(e.Snapshot.Id), new(MetricNames.TagReason, reason)]));
            }
        }
    }

    private static IEnumerable<Measurement<double>> ProfileMeasurements(RegistryState state, Func<ProfileSnapshot, DateTimeOffset?> pick)
    {
        foreach (var e in state.Stores.Values)
        {
            foreach (var p in e.Snapshot.Profiles)
            {
                if (pick(p) is { } t)
                {
                    yield return new Measurement<double>(t.ToUnixTimeMilliseconds() / 1000.0, ProfileTags(e.Snapshot.Id, p.NormalizedProvider, p.DisplayId));
                }
            }
        }
    }

    private static IEnumerable<Measurement<int>> StateMeasurements(RegistryState registryState)
    {
        foreach (var c in registryState.Comparisons)
        {
            var tags = ProfileTags(c.Store, c.Provider, c.DisplayId);
            foreach (var state in TokenStates.All)
            {
                yield return new Measurement<int>(state == c.State ? 1 : 0, MetricTags.Sorted([.. tags, new(MetricNames.TagState, state)]));
            }
        }
    }

    /// <summary>(for OpenClaw agents) <c>agent</c> and <c>store</c>, in key order (<see cref="MetricTags"/>).</summary>
    public static KeyValuePair<string, object?>[] StoreTags(StoreId id) => id.Agent is null
        ? [new(MetricNames.TagStore, id.Store)]
        : [new(MetricNames.TagAgent, id.Agent), new(MetricNames.TagStore, id.Store)];

    /// <summary><c>agent</c>?, <c>profile</c> (masked display id), <c>provider</c>, <c>store</c>, in key order.</summary>
    public static KeyValuePair<string, object?>[] ProfileTags(StoreId id, string provider, string displayId) => id.Agent is null
        ? [new(MetricNames.TagProfile, displayId), new(MetricNames.TagProvider, provider), new(MetricNames.TagStore, id.Store)]
        : [new(MetricNames.TagAgent, id.Agent), new(MetricNames.TagProfile, displayId), new(MetricNames.TagProvider, provider), new(MetricNames.TagStore, id.Store)];
}
