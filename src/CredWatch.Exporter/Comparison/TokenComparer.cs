using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Comparison;

/// <summary>
/// Classifies every OAuth credential. Copies are compared with their provider's source of truth by keyed
/// refresh-token fingerprint, the persisted fingerprint history, then same-login evidence + expiry order.
/// Fences are never compared (docs/openclaw-observed.md) and a blanked login is its own state.
/// </summary>
internal sealed class TokenComparer(ScanOptions scan, IReadOnlyDictionary<string, string> sources)
{
    /// <summary>Built-in source-of-truth map (overridable per provider with <c>Sources:&lt;provider&gt;</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultSources = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["anthropic"] = StoreLabels.ClaudeCli,
        ["openai-codex"] = StoreLabels.CodexCli,
        ["openai"] = StoreLabels.CodexCli,
        ["minimax-portal"] = StoreLabels.MiniMaxCli,
        ["google-gemini-cli"] = StoreLabels.GeminiCli,
    };

    public static TokenComparer Create(CredWatchOptions options)
    {
        var map = new Dictionary<string, string>(DefaultSources, StringComparer.OrdinalIgnoreCase);
        foreach (var (provider, store) in options.Sources)
        {
            map[provider] = store;
        }

        return new TokenComparer(options.Scan, map);
    }

    public IReadOnlyList<ComparisonResult> Compare(IEnumerable<StoreSnapshot> snapshots, FingerprintHistory history, DateTimeOffset now)
    {
        var all = snapshots.ToList();
        var sourceStores = all.Where(s => StoreLabels.IsCliSource(s.Id.Store)).ToDictionary(s => s.Id.Store, StringComparer.Ordinal);
        var results = new List<ComparisonResult>();
        foreach (var store in all.Where(s => s.Up))
        {
            var isSource = sourceStores.ContainsKey(store.Id.Store) && store.Id.Agent is null;
            foreach (var p in store.Profiles.Where(p => p.Type == ProfileType.OAuth))
            {
                var result = isSource ? SourceState(store, p, now) : CopyState(store, p, sourceStores, history, now);
                results.Add(result with { StoredProvider = p.Provider });
            }
        }

        MarkShadows(all, results);

        // History is recorded after classification so this scan's tokens are evidence for the next one.
        foreach (var store in all.Where(s => s.Up))
        {
            var isSource = store.Id.Agent is null && sourceStores.ContainsKey(store.Id.Store);
            foreach (var p in store.Profiles)
            {
                if (p.RefreshFingerprint is { } fp)
                {
                    history.Record(isSource ? SourceKey(store.Id.Store) : FingerprintHistory.KeyFor(store.Id, p.DisplayId), fp);
                }
            }
        }

        return results;
    }

    private static string SourceKey(string sourceStore) => sourceStore + "|source";

    private static DateTimeOffset? LoginEnd(ProfileSnapshot p) =>
        p.RefreshExpiresAt ?? (p.RefreshFingerprint is null ? p.AccessExpiresAt : null);

    private static bool LoginExpired(ProfileSnapshot p, DateTimeOffset now) => LoginEnd(p) is { } end && end <= now;

    private static ComparisonResult SourceState(StoreSnapshot store, ProfileSnapshot p, DateTimeOffset now)
    {
        var (state, detail) = p.Blanked ? (TokenStates.Blanked, "tokens blanked (the CLI's last refresh failed): log in again with the CLI")
            : LoginExpired(p, now) ? (TokenStates.Expired, p.RefreshFingerprint is null ? "the login has expired (no refresh token left to renew it)" : "the login has expired")
            : (TokenStates.InSync, "source of truth");
        if (store.AccountDisplay is { } account)
        {
            detail += $" (account {account})";
        }

        return new ComparisonResult(store.Id, p.ProfileId, p.DisplayId, p.NormalizedProvider, state, null, null,
            SameLoginProof.None("source of truth"), detail, p.AccessExpiresAt, LoginEnd(p));
    }

    private ComparisonResult CopyState(
        StoreSnapshot store, ProfileSnapshot p, Dictionary<string, StoreSnapshot> sourceStores, FingerprintHistory history, DateTimeOffset now)
    {
        ComparisonResult Result(string state, StoreId? source, bool? mismatch, SameLoginProof proof, string detail) =>
            new(store.Id, p.ProfileId, p.DisplayId, p.NormalizedProvider, state, source, mismatch, proof, detail, p.AccessExpiresAt, LoginEnd(p));

        sources.TryGetValue(p.NormalizedProvider, out var sourceLabel);
        StoreSnapshot? source = sourceLabel is not null && sourceStores.TryGetValue(sourceLabel, out var s) ? s : null;
        var sourceId = source?.Id;

        if (store.MigrationRequiredBy is { } json)
        {
            return Result(TokenStates.MigrationRequired, sourceId, null, SameLoginProof.None("store refused by OpenClaw"),
                $"OpenClaw refuses this store until its live {Path.GetFileName(json)} is imported (requires legacy credential migration)");
        }

        switch (p.Fence)
        {
            case FenceState.Failed:
                return Result(TokenStates.ReloginRequired, sourceId, null, SameLoginProof.None("fenced"),
                    "OpenClaw's refresh failed terminally (failed fence): the login must be redone");
            case FenceState.Pending:
                var since = store.UpdatedAt is { } u ? now - u : TimeSpan.MaxValue;
                return since < scan.RefreshFenceGrace
                    ? Result(TokenStates.Refreshing, sourceId, null, SameLoginProof.None("fenced"), "OpenClaw is refreshing this login (pending fence)")
                    : Result(TokenStates.RefreshStuck, sourceId, null, SameLoginProof.None("fenced"),
                        "a refresh fence has been pending past OpenClaw's refresh ceiling: its owner died");
            default:
                break;
        }

        // After the fences: a fence is OpenClaw's own marker that it refreshed this very copy, so it is in use after all.
        if (IsPassthrough(store, p))
        {
            return Result(TokenStates.Passthrough, sourceId, null, SameLoginProof.None("passthrough"),
                "stored Claude CLI copy: OpenClaw 2026.7+ overlays the Claude CLI's own store at run time and never uses this copy (the CLI store is checked instead)");
        }

        if (p.Blanked)
        {
            return Result(TokenStates.Blanked, sourceId, null, SameLoginProof.None("blanked"), "tokens are blank");
        }

        var srcProfile = source is { Up: true } ? source.Profiles.FirstOrDefault(x => x.Type == ProfileType.OAuth) : null;
        var srcFp = srcProfile is { Blanked: false } ? srcProfile.RefreshFingerprint : null;
        var copyFp = p.RefreshFingerprint;
        if (srcFp is { } sfp && copyFp is { } cfp)
        {
            if (sfp == cfp)
            {
                var proof = new SameLoginProof(ProofKind.SameRefreshToken, $"holds the same refresh token as {sourceLabel}");
                return LoginExpired(p, now)
                    ? Result(TokenStates.Expired, sourceId, false, proof, "in sync with the source, but the login has expired")
                    : Result(TokenStates.InSync, sourceId, false, proof, $"same refresh token as {sourceLabel}");
            }

            if (history.Contains(SourceKey(sourceLabel!), cfp))
            {
                return Result(TokenStates.Stale, sourceId, true,
                    new SameLoginProof(ProofKind.RefreshTokenHistory, $"{sourceLabel} held this copy's refresh token earlier and has since rotated it"),
                    $"superseded by {sourceLabel}: the next refresh of this copy will fail");
            }

            if (history.Contains(FingerprintHistory.KeyFor(store.Id, p.DisplayId), sfp))
            {
                return Result(TokenStates.Ahead, sourceId, true,
                    new SameLoginProof(ProofKind.RefreshTokenHistory, $"this copy held {sourceLabel}'s current refresh token earlier and has since rotated it"),
                    $"newer than {sourceLabel}: the source's login was superseded by this copy");
            }
        }

        if (!ClaimsCopy(store, p, sourceLabel))
        {
            // A grant OpenClaw obtained itself: no source to be behind or ahead of, so never a mismatch.
            var own = sourceLabel is null ? $"no source of truth for provider {p.NormalizedProvider}" : $"not a copy of {sourceLabel} (no copy marker, no shared token history)";
            return LoginExpired(p, now)
                ? Result(TokenStates.Expired, sourceId, null, SameLoginProof.None("own login"), "the login has expired; OpenClaw's own login: " + own)
                : Result(TokenStates.OwnLogin, sourceId, null, SameLoginProof.None("own login"),
                    $"OpenClaw's own login, {own}: checked on its own expiry, fence, cooldown and refresh failures");
        }

        if (srcFp is null || copyFp is null)
        {
            var why = source is null || !source.Up ? $"source {sourceLabel} unavailable" : "nothing to compare (no refresh token)";
            return LoginExpired(p, now)
                ? Result(TokenStates.Expired, sourceId, null, SameLoginProof.None(why), "the login has expired; " + why)
                : Result(TokenStates.Unrelated, sourceId, null, SameLoginProof.None(why), why);
        }

        var evidence = Evidence(p, source!);
        if (evidence.Kind != ProofKind.None)
        {
            if (p.AccessExpiresAt is { } ce && srcProfile!.AccessExpiresAt is { } se && ce != se)
            {
                return ce < se
                    ? Result(TokenStates.Stale, sourceId, true, evidence, $"same login as {sourceLabel}, older tokens: the next refresh of this copy will fail")
                    : Result(TokenStates.Ahead, sourceId, true, evidence, $"same login as {sourceLabel}, newer tokens than the source");
            }

            return Result(LoginExpired(p, now) ? TokenStates.Expired : TokenStates.Unrelated, sourceId, true, evidence,
                $"same login as {sourceLabel} but different tokens and no expiry order to tell which is newer");
        }

        return LoginExpired(p, now)
            ? Result(TokenStates.Expired, sourceId, true, SameLoginProof.None("no same-login evidence"), "the login has expired")
            : Result(TokenStates.Unrelated, sourceId, true, SameLoginProof.None("no same-login evidence"), $"a different login than {sourceLabel} (no evidence it is the same)");
    }

    /// <summary>
    /// Whether a profile presents itself as a copy of <paramref name="sourceLabel"/>: the id / provider the Claude CLI
    /// import writes (<c>anthropic:claude-cli</c>, provider <c>claude-cli</c>), a Codex mirror (<c>managedBy: codex-cli</c>),
    /// or any OAuth login of a JSON-era store (OpenClaw ≤ 2026.5 held OAuth logins only as imports of the CLIs').
    /// On 2026.6+ stores an unmarked profile (<c>anthropic:default</c>, <c>openai:*</c>) is a login OpenClaw obtained itself.
    /// Shared token history (same token now, or either side held the other's) proves a copy whatever this says.
    /// </summary>
    internal static bool ClaimsCopy(StoreSnapshot store, ProfileSnapshot p, string? sourceLabel) => sourceLabel switch
    {
        null => false,
        _ when HasCopyMarker(p, sourceLabel) => true,
        _ => store.Layout is StoreLayout.OpenClawJsonV1 or StoreLayout.OpenClawJsonWithState,
    };

    private static bool HasCopyMarker(ProfileSnapshot p, string sourceLabel) => sourceLabel switch
    {
        StoreLabels.ClaudeCli => IsClaudeCliCopy(p),
        StoreLabels.CodexCli => string.Equals(p.ManagedBy, "codex-cli", StringComparison.OrdinalIgnoreCase),
        StoreLabels.MiniMaxCli => IsMiniMaxCliCopy(p),
        _ => false,
    };

    /// <summary>
    /// Source stores (<c>claude-cli</c>, <c>codex-cli</c>) some readable OpenClaw store holds a copy of, by copy marker or
    /// by token history: such a source must exist (its absence is the seed's danger), so a missing one is an error.
    /// </summary>
    public IReadOnlySet<string> SourcesWithCopies(IEnumerable<StoreSnapshot> snapshots, FingerprintHistory history)
    {
        var needed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var store in snapshots.Where(s => s.Up && s.Id.Store is StoreLabels.OpenClaw or StoreLabels.OpenClawShared))
        {
            foreach (var p in store.Profiles.Where(p => p.Type == ProfileType.OAuth))
            {
                if (sources.TryGetValue(p.NormalizedProvider, out var label)
                    && (HasCopyMarker(p, label) || (p.RefreshFingerprint is { } fp && history.Contains(SourceKey(label), fp))))
                {
                    needed.Add(label);
                }
            }
        }

        return needed;
    }

    /// <summary>
    /// OpenClaw 2026.9.6 <c>EXTERNAL_CLI_SYNC_PROVIDERS</c>: the one profile it copies from the MiniMax CLI
    /// (<c>minimax-portal:minimax-cli</c>, provider <c>minimax-portal</c> or its aliases <c>minimax</c>/<c>minimax-cli</c>).
    /// </summary>
    internal static bool IsMiniMaxCliCopy(ProfileSnapshot p) =>
        string.Equals(p.ProfileId, MiniMaxCliProfileId, StringComparison.Ordinal)
        && p.Provider.Trim().ToLowerInvariant() is "minimax-portal" or "minimax" or "minimax-cli";

    /// <summary>The profile id OpenClaw stores the MiniMax CLI's login under.</summary>
    internal const string MiniMaxCliProfileId = "minimax-portal:minimax-cli";

    /// <summary>2026.7+ (SQLite layouts): a stored <c>anthropic:claude-cli</c> / provider <c>claude-cli</c> is not used.</summary>
    internal static bool IsPassthrough(StoreSnapshot store, ProfileSnapshot p) =>
        store.Layout is StoreLayout.OpenClawAgentSqlite or StoreLayout.OpenClawStateDbTables or StoreLayout.OpenClawStateDbRows
        && IsClaudeCliCopy(p);

    private static bool IsClaudeCliCopy(ProfileSnapshot p) =>
        string.Equals(p.ProfileId, "anthropic:claude-cli", StringComparison.OrdinalIgnoreCase)
        || string.Equals(p.Provider, "claude-cli", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// An agent's own profile shadows a shared profile with the same id (docs/openclaw-observed.md). When the shared one is
    /// healthy and the local one is broken or older, the agent is running on the stale copy: today's form of the
    /// seed's bug. Doctor removes such shadows ("Removed stale OAuth auth profile shadow …", observed on 2026.9.6).
    /// </summary>
    private static void MarkShadows(List<StoreSnapshot> all, List<ComparisonResult> results)
    {
        var shared = all.FirstOrDefault(s => s.Id.Store == StoreLabels.OpenClawShared && s.Up);
        if (shared is null)
        {
            return;
        }

        var sharedProfiles = shared.Profiles.ToDictionary(p => p.ProfileId, StringComparer.Ordinal);
        var sharedResults = results.Where(r => r.Store == shared.Id).ToDictionary(r => r.ProfileId, StringComparer.Ordinal);
        for (var i = 0; i < results.Count; i++)
        {
            var local = results[i];
            if (local.Store.Store != StoreLabels.OpenClaw || local.Store.Agent is null || !sharedProfiles.TryGetValue(local.ProfileId, out var sharedProfile))
            {
                continue;
            }

            var localProfile = all.First(s => s.Id == local.Store).Profiles.First(p => p.ProfileId == local.ProfileId);
            var sharedHealthy = sharedResults.TryGetValue(local.ProfileId, out var sr)
                && sr.State is TokenStates.InSync or TokenStates.Ahead or TokenStates.Unrelated or TokenStates.OwnLogin;
            var localWorse = local.State is TokenStates.Stale or TokenStates.Expired or TokenStates.Blanked or TokenStates.RefreshStuck or TokenStates.ReloginRequired
                || (localProfile.RefreshFingerprint != sharedProfile.RefreshFingerprint
                    && localProfile.AccessExpiresAt is { } le && sharedProfile.AccessExpiresAt is { } se && le < se);
            var stale = sharedHealthy && localWorse && local.State is not (TokenStates.MigrationRequired or TokenStates.Passthrough or TokenStates.Refreshing);
            results[i] = stale
                ? local with
                {
                    State = TokenStates.Stale,
                    ShadowsShared = true,
                    StaleShadow = true,
                    Detail = $"stale local copy shadows the healthy shared profile (openclaw-shared is {sr!.State}); the agent uses this local copy, not the shared one (was: {local.State})",
                }
                : local with { ShadowsShared = true };
        }
    }

    private static SameLoginProof Evidence(ProfileSnapshot p, StoreSnapshot source)
    {
        if (HasCopyMarker(p, source.Id.Store))
        {
            return source.Id.Store switch
            {
                StoreLabels.ClaudeCli => new SameLoginProof(
                    ProofKind.ClaudeCliProfile, "profile imported from the Claude CLI (anthropic:claude-cli / provider claude-cli)"),
                StoreLabels.MiniMaxCli => new SameLoginProof(
                    ProofKind.ExternalCliProfile, "OpenClaw's copy of the MiniMax CLI login (profile minimax-portal:minimax-cli)"),
                _ => new SameLoginProof(ProofKind.ManagedByCodexCli, "profile is a codex-cli mirror (managedBy: codex-cli)"),
            };
        }

        if (source.Account is { } account)
        {
            if (account.AccountId is { Length: > 0 } aid && string.Equals(p.AccountId, aid, StringComparison.OrdinalIgnoreCase))
            {
                return new SameLoginProof(ProofKind.AccountId, $"same account id as {source.Id.Store}");
            }

            if (account.Email is { Length: > 0 } email
                && (string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase)
                    || p.ProfileId.EndsWith(":" + email, StringComparison.OrdinalIgnoreCase)))
            {
                return new SameLoginProof(ProofKind.Email, $"same account e-mail as {source.Id.Store}");
            }
        }

        return SameLoginProof.None("no same-login evidence");
    }
}
