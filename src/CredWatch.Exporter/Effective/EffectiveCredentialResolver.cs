using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Health;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Effective;

/// <summary>
/// Pure: which credential each agent's next turn uses per provider, following OpenClaw 2026.9.6's
/// <c>resolveAuthProfileOrder</c> (dist <c>order-*.mjs</c>): the explicit order is the agent's stored order, else the
/// inherited store's, else config <c>auth.order</c>; without one, config <c>auth.profiles</c> of the provider, else every
/// stored profile of it. Ineligible profiles (missing, provider or mode mismatch, fenced, empty, expired token) are not
/// tried; profiles in a cooldown/disable window go last (soonest end first). Without an explicit order the rest sort
/// OAuth → token → API key, unexpired OAuth first, least recently used first. <c>lastGood</c> is bookkeeping only in
/// this release (the order code never reads it). Profiles are the agent's own merged over the shared store (or over
/// main's in the JSON era); on 2026.7+ layouts <c>anthropic:claude-cli</c> is the Claude CLI's own login, overlaid at
/// run time when the config, an order or a stored profile names it. The Gemini CLI runtime (<c>google-gemini-cli</c>)
/// stages the first eligible stored <c>google-gemini-cli</c> OAuth profile, else a Google API-key profile; with neither
/// the <c>gemini</c> CLI runs on its own login (<c>~/.gemini/oauth_creds.json</c>), so only then is that file needed.
/// </summary>
internal static class EffectiveCredentialResolver
{
    internal const string ClaudeCliProfile = "anthropic:claude-cli";

    internal const string GeminiCliProvider = "google-gemini-cli";

    /// <summary>The <see cref="EffectiveCandidate.Why"/> of a Gemini CLI login the runtime needs but the host does not have.</summary>
    internal const string GeminiLoginMissing = "missing (no Gemini CLI login on this host)";

    private static readonly HashSet<string> DeadStates = new(StringComparer.Ordinal)
    {
        TokenStates.Stale, TokenStates.Expired, TokenStates.Blanked, TokenStates.ReloginRequired, TokenStates.RefreshStuck, TokenStates.MigrationRequired,
    };

    public static IReadOnlyList<EffectiveCredential> Resolve(RegistryState state, OpenClawAuthConfig config, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(config);
        var comparisons = state.Comparisons.DistinctBy(c => (c.Store, c.ProfileId)).ToDictionary(c => (c.Store, c.ProfileId));

        var snaps = state.Stores.Values.Select(e => e.Snapshot).ToList();
        var shared = snaps.FirstOrDefault(s => s.Id.Store == StoreLabels.OpenClawShared && s.Up);
        var main = snaps.FirstOrDefault(s => s.Id == new StoreId(StoreLabels.OpenClaw, ProfileHealthEvaluator.MainAgent) && s.Up);
        // The Claude CLI's login is one OpenClaw runs on only where it overlays the CLI store at run time (2026.7+ stores);
        // a JSON-era OpenClaw runs on its copy, whose staleness is the copy's own alert.
        var overlays = snaps.Any(s => s.Up && s.Layout is StoreLayout.OpenClawAgentSqlite or StoreLayout.OpenClawStateDbTables or StoreLayout.OpenClawStateDbRows);
        var claude = overlays ? snaps.FirstOrDefault(s => s.Id.Store == StoreLabels.ClaudeCli && s.Up) : null;
        var gemini = snaps.FirstOrDefault(s => s.Id.Store == StoreLabels.GeminiCli);
        var agents = new SortedDictionary<string, StoreSnapshot?>(StringComparer.Ordinal);
        foreach (var s in snaps.Where(s => s.Id.Store == StoreLabels.OpenClaw && s.Id.Agent is not null))
        {
            agents[s.Id.Agent!] = s;
        }

        if (shared is not null)
        {
            // Under a state-db shared store main keeps no store of its own: it runs on the shared one.
            agents.TryAdd(ProfileHealthEvaluator.MainAgent, null);
        }

        var result = new List<EffectiveCredential>();
        foreach (var (agent, own) in agents)
        {
            if (own is { Up: false, Error.Reason: not StoreErrorReasons.NotFound })
            {
                continue; // unreadable: the store line says so; nothing can be claimed about its turns
            }

            var inherit = shared ?? (agent == ProfileHealthEvaluator.MainAgent ? null : main);
            result.AddRange(ResolveAgent(agent, own is { Up: true } ? own : null, inherit, claude, gemini, config, comparisons, now));
        }

        return result;
    }

    private static List<EffectiveCredential> ResolveAgent(
        string agent,
        StoreSnapshot? own,
        StoreSnapshot? inherit,
        StoreSnapshot? claude,
        StoreSnapshot? gemini,
        OpenClawAuthConfig config,
        Dictionary<(StoreId, string), ComparisonResult> comparisons,
        DateTimeOffset now)
    {
        var merged = new Dictionary<string, (StoreId Holder, ProfileSnapshot Profile)>(StringComparer.Ordinal);
        foreach (var p in inherit?.Profiles ?? [])
        {
            merged[p.ProfileId] = (inherit!.Id, p);
        }

        foreach (var p in own?.Profiles ?? [])
        {
            merged[p.ProfileId] = (own!.Id, p);
        }

        var ownUsage = own?.Usage ?? UsageState.Empty;
        var baseUsage = inherit?.Usage ?? UsageState.Empty;
        var layout = own?.Layout ?? inherit?.Layout ?? StoreLayout.Unknown;
        var overlayEra = layout is StoreLayout.OpenClawAgentSqlite or StoreLayout.OpenClawStateDbTables or StoreLayout.OpenClawStateDbRows;
        var overlayNamed = merged.ContainsKey(ClaudeCliProfile) || config.Profiles.ContainsKey(ClaudeCliProfile)
            || ownUsage.Order.Values.Concat(baseUsage.Order.Values).Concat(config.Order.Values).Any(o => o.Contains(ClaudeCliProfile, StringComparer.Ordinal));
        if (overlayEra && overlayNamed && claude?.Profiles.FirstOrDefault(p => p.Type == ProfileType.OAuth) is { } cli)
        {
            merged[ClaudeCliProfile] = (claude.Id, cli with { ProfileId = ClaudeCliProfile, DisplayId = ClaudeCliProfile, Provider = "claude-cli" });
        }

        var geminiNamed = config.GeminiCliRuntime || config.Profiles.Values.Any(p => ProfileIds.NormalizeProvider(p.Provider) == GeminiCliProvider)
            || config.Order.Keys.Any(k => ProfileIds.NormalizeProvider(k) == GeminiCliProvider);
        var providers = merged.Values.Select(m => m.Profile.NormalizedProvider).Append(geminiNamed ? GeminiCliProvider : string.Empty)
            .Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var list = new List<EffectiveCredential>();
        foreach (var provider in providers)
        {
            list.Add(ResolveProvider(agent, provider, merged, ownUsage, baseUsage, inherit, overlayEra ? claude : null, gemini, config, comparisons, now));
        }

        return list;
    }

    private static EffectiveCredential ResolveProvider(
        string agent,
        string provider,
        Dictionary<string, (StoreId Holder, ProfileSnapshot Profile)> merged,
        UsageState ownUsage,
        UsageState baseUsage,
        StoreSnapshot? inherit,
        StoreSnapshot? claude,
        StoreSnapshot? gemini,
        OpenClawAuthConfig config,
        Dictionary<(StoreId, string), ComparisonResult> comparisons,
        DateTimeOffset now)
    {
        var (explicitOrder, from) = Find(ownUsage.Order, provider) is { } a ? (a, "agent")
            : Find(baseUsage.Order, provider) is { } b ? (b, inherit?.Id.Store == StoreLabels.OpenClawShared ? "shared" : "main")
            : Find(config.Order, provider) is { } c ? (c, "config")
            : ((IReadOnlyList<string>?)null, string.Empty);
        var fromStore = from is "agent" or "shared" or "main";
        var configProfiles = config.Profiles.Where(p => ProfileIds.NormalizeProvider(p.Value.Provider) == provider).Select(p => p.Key).ToList();
        var storeProfiles = merged.Where(m => m.Value.Profile.NormalizedProvider == provider).Select(m => m.Key).ToList();
        var baseOrder = explicitOrder ?? (configProfiles.Count > 0 ? configProfiles : storeProfiles);
        if (explicitOrder is null)
        {
            from = configProfiles.Count > 0 ? "config-profiles" : "stored";
        }

        string? Ineligible(string id) => IneligibleReason(id, provider, merged, config, now);
        var filtered = baseOrder.Where(id => Ineligible(id) is null).Distinct(StringComparer.Ordinal).ToList();
        var repaired = false;
        if (filtered.Count == 0 && baseOrder.All(id => !merged.ContainsKey(id)) && (fromStore || configProfiles.Count > 0))
        {
            filtered = [.. storeProfiles.Where(id => Ineligible(id) is null)];
            repaired = true;
        }

        ProfileUsage? Usage(string id) => ownUsage.UsageStats.GetValueOrDefault(id) ?? baseUsage.UsageStats.GetValueOrDefault(id);
        DateTimeOffset? Until(string id) => UsageWindows.Of(Usage(id), provider, now).UnusableUntil;
        var available = filtered.Where(id => Until(id) is null).ToList();
        var cooling = filtered.Where(id => Until(id) is not null).OrderBy(id => Until(id)).ToList();
        if (explicitOrder is not { Count: > 0 } || repaired)
        {
            available = [.. available
                .OrderBy(id => merged[id].Profile.Type switch { ProfileType.OAuth => 0, ProfileType.Token => 1, ProfileType.ApiKey => 2, _ => 3 })
                .ThenBy(id => merged[id].Profile is { Type: ProfileType.OAuth, AccessExpiresAt: { } e } && e <= now ? 1 : 0)
                .ThenBy(id => Usage(id)?.LastUsed ?? DateTimeOffset.UnixEpoch)];
        }

        var order = available.Concat(cooling).Select(id => Candidate(merged[id], Until(id), comparisons, claude, now)).ToList();
        if (provider == GeminiCliProvider && order.Count == 0)
        {
            // Nothing of OpenClaw's own to stage: a Google API key if there is one, else the gemini CLI's own login.
            var key = merged.Where(m => m.Value.Profile is { Type: ProfileType.ApiKey, NormalizedProvider: "google" }).Select(m => m.Key).Order(StringComparer.Ordinal).FirstOrDefault();
            order.Add(key is not null ? Candidate(merged[key], null, comparisons, claude, now) : GeminiCliLogin(gemini, comparisons));
        }
        var skipped = baseOrder.Concat(storeProfiles).Distinct(StringComparer.Ordinal)
            .Where(id => !filtered.Contains(id, StringComparer.Ordinal))
            .Select(id => $"{(merged.TryGetValue(id, out var m) ? m.Profile.DisplayId : "(not stored)")}: {Ineligible(id) ?? "not in the order"}")
            .ToList();
        var lastGoodId = Find(ownUsage.LastGood, provider) ?? Find(baseUsage.LastGood, provider);
        var lastGood = lastGoodId is not null && merged.TryGetValue(lastGoodId, out var lg) ? lg.Profile.DisplayId : null;

        var chosen = order.FirstOrDefault(c => c.UnusableUntil is null);
        if (chosen is null)
        {
            var why = order.Count > 0 ? $"every {provider} profile is in a cooldown or disabled window (first ends {order[0].UnusableUntil:u})"
                : $"no {provider} profile is eligible ({string.Join("; ", skipped)})";
            return new EffectiveCredential(agent, provider, EffectiveStates.None, null, order, skipped, from, lastGood, why, null);
        }

        var where = $"{chosen.DisplayId} ({chosen.Kind}, {chosen.Store})";
        if (chosen.Alive)
        {
            return new EffectiveCredential(agent, provider, EffectiveStates.Live, chosen, order, skipped, from, lastGood,
                $"next turn uses {where}: {chosen.Why}", null);
        }

        var live = order.SkipWhile(c => c != chosen).Skip(1).FirstOrDefault(c => c.Alive && c.UnusableUntil is null);
        var logout = $"openclaw models auth logout --agent {RepairCommands.Quote(agent)} {RepairCommands.Quote(chosen.DisplayId)} --yes";
        if (live is not null)
        {
            var rest = order.Where(c => c != chosen && c != live).Select(c => RepairCommands.Quote(c.DisplayId));
            var orderSet = $"openclaw models auth order set --agent {RepairCommands.Quote(agent)} --provider {provider} {string.Join(' ', rest.Prepend(RepairCommands.Quote(live.DisplayId)))}";
            return new EffectiveCredential(agent, provider, EffectiveStates.ShadowsLiveLogin, chosen, order, skipped, from, lastGood,
                $"next turn uses {where}, which is {chosen.Why}, ahead of the live {live.DisplayId} ({live.Kind}, {live.Store}): every turn fails",
                $"put the live login first: `{orderSet}`, or remove the dead one: `{logout}`");
        }

        // Only 2026.7+ runs Anthropic turns on the Claude CLI's native login (claude is null for JSON-era agents).
        if (provider == "anthropic" && chosen.Store.Store != StoreLabels.ClaudeCli
            && claude is not null && comparisons.TryGetValue((claude.Id, "default"), out var cc) && !DeadStates.Contains(cc.State))
        {
            // OpenClaw issue 134004: a stored Anthropic profile is sent instead of the Claude CLI's own (live) login.
            return new EffectiveCredential(agent, provider, EffectiveStates.ShadowsLiveLogin, chosen, order, skipped, from, lastGood,
                $"next turn uses {where}, which is {chosen.Why}, while the Claude CLI's own login is live: the stored profile shadows it",
                $"remove the dead stored profile: `{logout}`");
        }

        return new EffectiveCredential(agent, provider, EffectiveStates.Dead, chosen, order, skipped, from, lastGood,
            $"next turn uses {where}, which is {chosen.Why}; no live {provider} login to fall back on",
            DeadFix(agent, provider, chosen));
    }

    private static string DeadFix(string agent, string provider, EffectiveCandidate chosen) => chosen switch
    {
        _ when provider == GeminiCliProvider => RepairCommands.GeminiRepair,
        { Kind: EffectiveKinds.CliOverlay } => $"`{RepairCommands.CliLogin(StoreLabels.ClaudeCli)}` (the Claude CLI's own login)",
        _ when chosen.ProfileId == TokenComparer.MiniMaxCliProfileId => $"{RepairCommands.MiniMaxCliLogin}, or `{RepairCommands.MiniMaxOpenClawLogin}`",
        _ => $"`{RepairCommands.Login(agent, provider, chosen.DisplayId, null)}`",
    };

    private static string? IneligibleReason(
        string id, string provider, Dictionary<string, (StoreId Holder, ProfileSnapshot Profile)> merged, OpenClawAuthConfig config, DateTimeOffset now)
    {
        if (!merged.TryGetValue(id, out var m))
        {
            return "profile_missing";
        }

        var p = m.Profile;
        if (p.NormalizedProvider != provider)
        {
            return "provider_mismatch";
        }

        if (config.Profiles.TryGetValue(id, out var cfg))
        {
            if (ProfileIds.NormalizeProvider(cfg.Provider) != provider)
            {
                return "provider_mismatch";
            }

            var type = p.Type switch { ProfileType.OAuth => "oauth", ProfileType.Token => "token", ProfileType.ApiKey => "api_key", _ => "unknown" };
            if (cfg.Mode is { } mode && mode != type && !(mode == "oauth" && type == "token"))
            {
                return "mode_mismatch";
            }
        }

        return p.Type switch
        {
            ProfileType.OAuth when p.Fence == FenceState.Failed => "fenced (failed refresh)",
            ProfileType.OAuth when p.Fence == FenceState.Pending => "fenced (refresh in flight)",
            ProfileType.OAuth when p.AccessFingerprint is null && p.RefreshFingerprint is null => "missing_credential",
            ProfileType.Token when p.AccessExpiresAt is { } e && e <= now => "expired",
            ProfileType.Unknown => "unknown type",
            _ => null,
        };
    }

    /// <summary>
    /// The Gemini CLI's own login as the runtime uses it. Not there at all (no file, not configured) is
    /// <see cref="GeminiLoginMissing"/>; a configured path that is missing is the store's own alert.
    /// </summary>
    private static EffectiveCandidate GeminiCliLogin(StoreSnapshot? gemini, Dictionary<(StoreId, string), ComparisonResult> comparisons)
    {
        var id = gemini?.Id ?? new StoreId(StoreLabels.GeminiCli, null);
        var profile = gemini?.Profiles.FirstOrDefault(p => p.Type == ProfileType.OAuth);
        var (alive, why) = gemini switch
        {
            null or { Absent: true } => (false, GeminiLoginMissing),
            { Up: false } => (false, $"unreadable ({gemini.Error?.Reason})"),
            _ when profile is not null && comparisons.TryGetValue((id, profile.ProfileId), out var c) => (!DeadStates.Contains(c.State), c.State),
            _ => (false, "no OAuth login in it"),
        };
        return new EffectiveCandidate(id, profile?.ProfileId ?? "default", profile?.DisplayId ?? "default", EffectiveKinds.CliOverlay, alive, why, null);
    }

    private static EffectiveCandidate Candidate(
        (StoreId Holder, ProfileSnapshot Profile) m, DateTimeOffset? until, Dictionary<(StoreId, string), ComparisonResult> comparisons, StoreSnapshot? claude, DateTimeOffset now)
    {
        var p = m.Profile;
        var overlay = m.Holder.Store == StoreLabels.ClaudeCli;
        var kind = overlay ? EffectiveKinds.CliOverlay
            : p.Type switch { ProfileType.OAuth => EffectiveKinds.OAuth, ProfileType.Token => EffectiveKinds.Token, _ => EffectiveKinds.ApiKey };
        comparisons.TryGetValue(overlay ? (claude!.Id, "default") : (m.Holder, p.ProfileId), out var c);
        bool alive;
        string why;
        if (c is not null)
        {
            // An external-cli copy is never refreshed by OpenClaw: once unusable it re-imports the CLI's login.
            alive = !DeadStates.Contains(c.State) || (c.State == TokenStates.Stale && p.ExternallyOwned);
            why = c.State;
        }
        else if (p.Type is ProfileType.OAuth or ProfileType.Token && p.RefreshFingerprint is null && p.AccessExpiresAt is { } e && e <= now)
        {
            (alive, why) = (false, TokenStates.Expired);
        }
        else
        {
            (alive, why) = (true, p.Type == ProfileType.ApiKey ? "api key (not verified)" : "not compared");
        }

        return new EffectiveCandidate(m.Holder, p.ProfileId, p.DisplayId, kind, alive, why, until);
    }

    // OpenClaw looks keys up normalised (findNormalizedProviderValue): claude-cli orders count for anthropic.
    private static T? Find<T>(IReadOnlyDictionary<string, T> map, string provider)
        where T : class =>
        map.TryGetValue(provider, out var exact) ? exact : map.FirstOrDefault(kv => ProfileIds.NormalizeProvider(kv.Key) == provider).Value;
}
