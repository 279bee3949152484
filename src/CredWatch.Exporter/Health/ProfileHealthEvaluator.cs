using System.Text.RegularExpressions;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Health;

/// <summary>
/// Pure, IO-free evaluation of OpenClaw profile health from the registry's snapshots and comparisons at a given
/// instant. Mirrors OpenClaw's run-time view (docs/openclaw-observed.md): an agent uses its own profiles merged over the
/// shared store (state database) when one is present, else over the main agent's store (same id: the agent's own
/// wins); usage state (usageStats, order, lastGood) is the agent's own entry, else the inherited store's.
/// A profile is unusable while OpenClaw's unusable window (<see cref="UsageWindows"/>) is open, or when
/// the comparison says its login is dead (expired without refresh, stale, blanked, failed/stuck fence).
/// </summary>
internal static partial class ProfileHealthEvaluator
{
    /// <summary>OpenClaw's main agent id.</summary>
    public const string MainAgent = "main";

    public static HealthReport Evaluate(RegistryState state, DateTimeOffset now, IReadOnlyCollection<string>? ignoreAgents = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var ignored = new HashSet<string>(ignoreAgents ?? [], StringComparer.Ordinal);
        var comparisons = new Dictionary<(StoreId, string), ComparisonResult>();
        foreach (var c in state.Comparisons)
        {
            comparisons[(c.Store, c.ProfileId)] = c;
        }

        var openClaw = state.Stores.Values.Select(e => e.Snapshot)
            .Where(s => s.Id.Store is StoreLabels.OpenClaw or StoreLabels.OpenClawShared)
            .OrderBy(s => s.Id.Store, StringComparer.Ordinal).ThenBy(s => s.Id.Agent, StringComparer.Ordinal)
            .ToList();

        var stored = new List<StoredProfileUsage>();
        var smells = new List<ConfigSmell>();
        foreach (var s in openClaw.Where(s => s.Up))
        {
            foreach (var p in s.Profiles)
            {
                if (s.Usage.UsageStats.TryGetValue(p.ProfileId, out var u))
                {
                    stored.Add(Stored(s.Id, p.NormalizedProvider, p.DisplayId, u, now));
                }

                smells.AddRange(Smells(s.Id, p));
            }
        }

        var shared = openClaw.FirstOrDefault(s => s.Id.Store == StoreLabels.OpenClawShared && s.Id.Agent is null);
        var main = openClaw.FirstOrDefault(s => s.Id.Store == StoreLabels.OpenClaw && s.Id.Agent == MainAgent);
        var agents = new List<AgentHealth>();
        foreach (var own in openClaw.Where(s => s.Id.Store == StoreLabels.OpenClaw && s.Id.Agent is not null))
        {
            var agent = own.Id.Agent!;
            var inheritFrom = shared ?? (agent == MainAgent ? null : main);
            agents.Add(EvaluateAgent(agent, own, inheritFrom, comparisons, stored, now, ignored.Contains(agent)));
        }

        return new HealthReport(now, state.Generation, stored, agents, smells, NextChange(openClaw, now));
    }

    /// <summary>
    /// When this evaluation goes stale without any file changing: the earliest future window end or access-token
    /// expiry in any store an agent reads from (own, main or shared), so callers can reuse the report until then.
    /// The next UTC midnight counts too: the report's texts print a window end with its date once it is another day.
    /// </summary>
    private static DateTimeOffset NextChange(List<StoreSnapshot> openClaw, DateTimeOffset now)
    {
        var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        return openClaw.Where(s => s.Up)
            .SelectMany(s => s.Usage.UsageStats.Values.Select(u => UsageWindows.NextChange(u, now))
                .Concat(s.Profiles.Select(p => p.AccessExpiresAt).OfType<DateTimeOffset>().Where(e => e > now)))
            .Append(midnight).Min();
    }

    private static AgentHealth EvaluateAgent(
        string agent,
        StoreSnapshot own,
        StoreSnapshot? inheritFrom,
        Dictionary<(StoreId, string), ComparisonResult> comparisons,
        List<StoredProfileUsage> stored,
        DateTimeOffset now,
        bool ignored)
    {
        // A missing store is normal for a non-main agent (it runs on a copy of main's); anything else means we cannot tell.
        var ownMissing = own.Error is { Reason: StoreErrorReasons.NotFound };
        if (own.Error is { } e && !ownMissing)
        {
            return new AgentHealth(agent, false, $"{own.Id}: {e.Reason}", inheritFrom?.Id, [], ignored);
        }

        if (inheritFrom is { Up: false, Error: { } be } && be.Reason != StoreErrorReasons.NotFound)
        {
            return new AgentHealth(agent, false, $"{inheritFrom.Id}: {be.Reason}", inheritFrom.Id, [], ignored);
        }

        var baseStore = inheritFrom is { Up: true } ? inheritFrom : null;
        var merged = new Dictionary<string, (StoreSnapshot Holder, ProfileSnapshot Profile, bool Inherited)>(StringComparer.Ordinal);
        if (baseStore is not null)
        {
            foreach (var p in baseStore.Profiles)
            {
                merged[p.ProfileId] = (baseStore, p, true);
            }
        }

        if (own.Up)
        {
            foreach (var p in own.Profiles)
            {
                merged[p.ProfileId] = (own, p, false);
            }
        }

        var ownUsage = own.Up ? own.Usage : UsageState.Empty;
        var baseUsage = baseStore?.Usage ?? UsageState.Empty;
        var providers = new List<ProviderHealth>();
        foreach (var group in merged.Values.GroupBy(m => m.Profile.NormalizedProvider, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var provider = group.Key;
            var storedProviders = group.Select(m => m.Profile.Provider).Distinct(StringComparer.Ordinal).ToList();
            var order = Lookup(ownUsage.Order, baseUsage.Order, provider, storedProviders);
            var lastGood = Lookup(ownUsage.LastGood, baseUsage.LastGood, provider, storedProviders);
            var ordered = Order(group.ToList(), order, ownUsage, baseUsage);
            var firstId = lastGood is not null && ordered.Any(m => m.Profile.ProfileId == lastGood) ? lastGood : ordered[0].Profile.ProfileId;

            var profiles = new List<EffectiveProfile>();
            foreach (var m in ordered)
            {
                var usage = UsageFor(m.Profile.ProfileId, ownUsage, baseUsage);
                comparisons.TryGetValue((m.Holder.Id, m.Profile.ProfileId), out var comparison);
                var windows = UsageWindows.Of(usage, provider, now);
                var reasons = Reasons(m.Profile, comparison, windows, now);
                var again = reasons.Count > 0 && reasons.All(UnusableReasons.IsTransient) ? windows.UnusableUntil : null;
                profiles.Add(new EffectiveProfile(
                    m.Holder.Id, m.Holder.Layout, m.Profile.ProfileId, m.Profile.DisplayId, m.Profile.Provider, provider, m.Profile.Type, m.Inherited,
                    reasons.Count == 0, reasons, again, windows.ModelScoped,
                    usage is not null && reasons.Contains(UnusableReasons.Disabled) ? BoundedReason(usage.DisabledReason) : null,
                    usage is null ? new Dictionary<string, long>() : BoundedCounts(usage.FailureCounts),
                    m.Profile.ProfileId == firstId));

                // Usage recorded in the agent's own store for an inherited profile is still a per-store fact worth exporting.
                if (m.Inherited && own.Up && own.Usage.UsageStats.TryGetValue(m.Profile.ProfileId, out var ownEntry))
                {
                    stored.Add(Stored(own.Id, provider, m.Profile.DisplayId, ownEntry, now));
                }
            }

            var usable = profiles.Count(p => p.Usable);
            var first = profiles.First(p => p.FirstTried);
            var problem = !first.Usable && usable > 0 && first.Reasons.Any(r => r != UnusableReasons.Cooldown)
                ? $"{first.DisplayId} is tried first but is {string.Join(", ", first.Reasons)}"
                : null;
            var againAt = usable == 0 ? profiles.Where(p => p.UsableAgainAt is not null).Select(p => p.UsableAgainAt).Min() : null;
            providers.Add(new ProviderHealth(provider, profiles, usable, againAt, problem));
        }

        return new AgentHealth(agent, true, null, baseStore?.Id, providers, ignored);
    }

    // The agent's own entry wins over the inherited one; keys may use the stored provider (claude-cli) or the normalised one.
    private static T? Lookup<T>(IReadOnlyDictionary<string, T> own, IReadOnlyDictionary<string, T> inherited, string provider, List<string> storedProviders)
        where T : class
    {
        foreach (var dict in new[] { own, inherited })
        {
            foreach (var key in storedProviders.Prepend(provider))
            {
                if (dict.TryGetValue(key, out var v))
                {
                    return v;
                }
            }
        }

        return null;
    }

    // OpenClaw's order without config: an explicit stored order first; otherwise OAuth before tokens before keys,
    // least recently used first (its round-robin). Profiles the order omits follow in the same default order.
    private static List<(StoreSnapshot Holder, ProfileSnapshot Profile, bool Inherited)> Order(
        List<(StoreSnapshot Holder, ProfileSnapshot Profile, bool Inherited)> profiles, IReadOnlyList<string>? order, UsageState own, UsageState inherited)
    {
        var explicitOrder = (order ?? []).ToList();
        return [.. profiles
            .OrderBy(m => explicitOrder.IndexOf(m.Profile.ProfileId) is var i && i >= 0 ? i : int.MaxValue)
            .ThenBy(m => m.Profile.Type switch { ProfileType.OAuth => 0, ProfileType.Token => 1, ProfileType.ApiKey => 2, _ => 3 })
            .ThenBy(m => UsageFor(m.Profile.ProfileId, own, inherited)?.LastUsed ?? DateTimeOffset.MinValue)
            .ThenBy(m => m.Profile.ProfileId, StringComparer.Ordinal)];
    }

    private static ProfileUsage? UsageFor(string profileId, UsageState own, UsageState inherited) =>
        own.UsageStats.TryGetValue(profileId, out var u) ? u : inherited.UsageStats.GetValueOrDefault(profileId);

    /// <summary>Why a profile cannot be used now (empty = usable). A model-scoped cooldown does not count: other models still work.</summary>
    public static IReadOnlyList<string> Reasons(ProfileSnapshot p, ComparisonResult? comparison, UsageWindows windows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(windows);
        var reasons = new List<string>();
        if (p.Type == ProfileType.Unknown)
        {
            reasons.Add(UnusableReasons.UnknownType);
        }

        if (p.Fence == FenceState.Failed)
        {
            reasons.Add(UnusableReasons.ReloginRequired);
        }

        var dead = comparison?.State switch
        {
            TokenStates.Stale => UnusableReasons.Stale,
            TokenStates.Expired => UnusableReasons.Expired,
            TokenStates.Blanked => UnusableReasons.Blanked,
            TokenStates.RefreshStuck => UnusableReasons.RefreshStuck,
            TokenStates.MigrationRequired => UnusableReasons.MigrationRequired,
            TokenStates.ReloginRequired when p.Fence != FenceState.Failed => UnusableReasons.ReloginRequired,
            // No comparison (tokens, keys, or an OAuth profile the comparer skipped): judge from the profile alone.
            null when p.Blanked => UnusableReasons.Blanked,
            null when p.Fence == FenceState.None && p.RefreshFingerprint is null && p.AccessExpiresAt is { } exp && exp <= now
                && p.Type is ProfileType.OAuth or ProfileType.Token => UnusableReasons.Expired,
            _ => null,
        };
        if (dead is not null)
        {
            reasons.Add(dead);
        }

        if (windows.CooldownUntil is not null)
        {
            reasons.Add(UnusableReasons.Cooldown);
        }

        if (windows.BlockedUntil is not null)
        {
            reasons.Add(UnusableReasons.Blocked);
        }

        if (windows.DisabledUntil is not null)
        {
            reasons.Add(UnusableReasons.Disabled);
        }

        return reasons;
    }

    private static StoredProfileUsage Stored(StoreId store, string provider, string displayId, ProfileUsage u, DateTimeOffset now)
    {
        var disabled = u.DisabledUntil is { } du && du > now;
        return new StoredProfileUsage(
            store, provider, displayId,
            u.CooldownUntil is { } cd && cd > now ? cd : null,
            disabled ? u.DisabledUntil : null,
            disabled ? BoundedReason(u.DisabledReason) : null,
            Math.Max(0, u.ErrorCount ?? 0),
            BoundedCounts(u.FailureCounts),
            u.LastUsed,
            u.LastFailureAt);
    }

    private static IEnumerable<ConfigSmell> Smells(StoreId store, ProfileSnapshot p)
    {
        if (p.Type == ProfileType.Token && p.NormalizedProvider == "anthropic")
        {
            yield return new ConfigSmell(store, p.NormalizedProvider, p.DisplayId, ConfigSmells.TokenWithoutRefresh,
                "Anthropic login stored as type 'token': it cannot refresh and dies at expiry (OpenClaw issue 34117); "
                + "sign in again as OAuth (openclaw models auth login --provider anthropic)");
        }

        if (p.Type == ProfileType.OAuth && p.Fence == FenceState.None && !p.Blanked && p.RefreshFingerprint is null)
        {
            yield return new ConfigSmell(store, p.NormalizedProvider, p.DisplayId, ConfigSmells.OAuthWithoutRefresh,
                "OAuth profile without a refresh token: it cannot renew itself and dies when the access token expires");
        }

        if (p.Type is ProfileType.Token or ProfileType.ApiKey && p.AccessFingerprint is null)
        {
            yield return new ConfigSmell(store, p.NormalizedProvider, p.DisplayId, ConfigSmells.SecretRefUnresolved,
                "no inline secret (a tokenRef/keyRef reference, or nothing): CredWatch cannot resolve it, so it cannot vouch for it");
        }
    }

    /// <summary>OpenClaw's reason strings, kept bounded for labels: snake_case, at most 32 chars, else <c>other</c>.</summary>
    public static string BoundedReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "unknown";
        }

        var r = reason.Trim().ToLowerInvariant().Replace('-', '_');
        return r.Length <= 32 && SnakeCase().IsMatch(r) ? r : "other";
    }

    private static Dictionary<string, long> BoundedCounts(IReadOnlyDictionary<string, long> counts)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, count) in counts)
        {
            var key = BoundedReason(reason);
            result[key] = result.GetValueOrDefault(key) + Math.Max(0, count);
        }

        return result;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SnakeCase();
}
