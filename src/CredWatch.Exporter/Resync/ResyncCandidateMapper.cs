using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// Core's published state (comparisons + snapshots) → resync's candidates. Relation comes from the
/// comparison's state, evidence from its proof and the snapshots: keyed fingerprints and keyed account
/// ids only, no token is read here.
/// </summary>
internal static class ResyncCandidateMapper
{
    /// <summary>Source-wins candidates: every OpenClaw copy that has a CLI source of truth.</summary>
    /// <param name="mappings">Operator mappings (<c>Resync:Mappings</c>): evidence core's comparer does not know about.</param>
    public static IReadOnlyList<ResyncCandidate> Map(RegistryState state, Fingerprinter keys, IEnumerable<ResyncMapping>? mappings = null)
    {
        var mapped = (mappings ?? []).ToList();
        var list = new List<ResyncCandidate>();
        foreach (var r in state.Comparisons)
        {
            // Gemini CLI logins are never copied by OpenClaw 2026.9.6 ("cannot create or repair" them): nothing to resync.
            if (r.Source is not { } sourceId || !IsOpenClaw(r.Store) || sourceId.Store == StoreLabels.GeminiCli
                || !state.Stores.TryGetValue(r.Store, out var copyEntry) || !state.Stores.TryGetValue(sourceId, out var sourceEntry))
            {
                continue;
            }

            var copy = copyEntry.Snapshot.Profiles.FirstOrDefault(p => p.ProfileId == r.ProfileId);
            var source = sourceEntry.Snapshot.Profiles.FirstOrDefault(p => p.Type == ProfileType.OAuth);
            if (copy is null || source is null)
            {
                continue;
            }

            var agent = AgentOf(r.Store);
            var operatorMapped = mapped.Any(m => m.Agent == agent && m.Profile == r.ProfileId && m.Source == sourceId.Store);
            list.Add(new ResyncCandidate(
                agent,
                r.ProfileId,
                r.DisplayId,
                r.Provider,
                LayoutOf(copyEntry.Snapshot),
                copyEntry.Snapshot.Path,
                operatorMapped ? MappedRelation(r, copy, source) : RelationOf(r),
                CopyOf(copy, keys),
                SourceOf(sourceEntry.Snapshot, source, keys, r, copy),
                OperatorMapped: operatorMapped));
        }

        return list;
    }

    /// <summary>
    /// newest-wins candidates: per source, the lineage is the source itself plus every copy core proved to be the
    /// same login (any proof but None); the newest member becomes the source of the others.
    /// </summary>
    public static IReadOnlyList<ResyncCandidate> MapNewestWins(RegistryState state, Fingerprinter keys)
    {
        var list = new List<ResyncCandidate>();
        foreach (var lineage in state.Comparisons.Where(r => r.Source is { } src && src.Store != StoreLabels.GeminiCli && IsOpenClaw(r.Store)).GroupBy(r => r.Source!.Value))
        {
            if (!state.Stores.TryGetValue(lineage.Key, out var srcEntry) || srcEntry.Snapshot.Profiles.FirstOrDefault(p => p.Type == ProfileType.OAuth) is not { } src)
            {
                continue;
            }

            var members = new List<LineageMember>
            {
                new(lineage.Key.Store, src.ProfileId, src.DisplayId, src.NormalizedProvider, TargetLayout.CliStore, srcEntry.Snapshot.Path,
                    CopyOf(src, keys), IsFenced: false, IsBlanked: src.Blanked),
            };
            foreach (var r in lineage.Where(r => r.Proof.Kind != ProofKind.None))
            {
                if (!state.Stores.TryGetValue(r.Store, out var e) || e.Snapshot.Profiles.FirstOrDefault(p => p.ProfileId == r.ProfileId) is not { } p)
                {
                    continue;
                }

                members.Add(new LineageMember(AgentOf(r.Store), p.ProfileId, p.DisplayId, r.Provider, LayoutOf(e.Snapshot), e.Snapshot.Path,
                    CopyOf(p, keys), IsFenced: p.Fence != FenceState.None, IsBlanked: p.Blanked));
            }

            list.AddRange(NewestWinsPlanner.Plan(members));
        }

        return list;
    }

    /// <summary>The per-copy fingerprint-history key, so a written token is evidence for the next comparison.</summary>
    public static string HistoryKey(ResyncCandidate c) =>
        FingerprintHistory.KeyFor(c.Layout == TargetLayout.SharedSqlite ? new StoreId(StoreLabels.OpenClawShared, null) : new StoreId(StoreLabels.OpenClaw, c.AgentId), c.ProfileDisplayId);

    private static bool IsOpenClaw(StoreId id) => id.Store is StoreLabels.OpenClaw or StoreLabels.OpenClawShared;

    private static string AgentOf(StoreId id) => id.Agent ?? id.Store;

    private static TargetLayout LayoutOf(StoreSnapshot s) => (s.Id.Store, s.Layout) switch
    {
        (StoreLabels.OpenClawShared, _) => TargetLayout.SharedSqlite,
        (_, StoreLayout.OpenClawJsonV1 or StoreLayout.OpenClawJsonWithState) => TargetLayout.AuthProfilesJson,
        (_, StoreLayout.OpenClawAgentSqlite) => TargetLayout.AgentSqlite,
        (_, StoreLayout.ClaudeCredentials or StoreLayout.CodexAuth or StoreLayout.MiniMaxOAuthCreds or StoreLayout.GeminiOAuthCreds) => TargetLayout.CliStore,
        _ => TargetLayout.Unknown,
    };

    private static CopyRelation RelationOf(ComparisonResult r) => r.State switch
    {
        TokenStates.InSync => CopyRelation.InSync,
        TokenStates.Stale => CopyRelation.Stale,
        TokenStates.Ahead => CopyRelation.Ahead,
        TokenStates.Unrelated or TokenStates.OwnLogin => CopyRelation.Unrelated,
        TokenStates.Refreshing or TokenStates.RefreshStuck or TokenStates.ReloginRequired => CopyRelation.Fenced,
        TokenStates.Passthrough => CopyRelation.Passthrough,
        // An expired copy with a different refresh token and same-login evidence is behind its live source:
        // the source's login is the repair. Without evidence it stays untouched.
        TokenStates.Expired when r.FingerprintMismatch == true && r.Proof.Kind != ProofKind.None => CopyRelation.Stale,
        TokenStates.Expired => CopyRelation.Unrelated,
        _ => CopyRelation.Unknown,
    };

    /// <summary>
    /// Core calls a copy without evidence <c>unrelated</c>; an operator mapping is that evidence, so the order comes
    /// from the expiries exactly as core orders other same-login evidence (equal or unknown expiries stay unrelated).
    /// </summary>
    private static CopyRelation MappedRelation(ComparisonResult r, ProfileSnapshot copy, ProfileSnapshot source)
    {
        if (r.Proof.Kind != ProofKind.None || r.FingerprintMismatch != true || r.State is not (TokenStates.Unrelated or TokenStates.Expired))
        {
            return RelationOf(r);
        }

        return (copy.AccessExpiresAt, source.AccessExpiresAt) switch
        {
            ({ } c, { } s) when c < s => CopyRelation.Stale,
            ({ } c, { } s) when c > s => CopyRelation.Ahead,
            _ => CopyRelation.Unrelated,
        };
    }

    private static ResyncCopy CopyOf(ProfileSnapshot p, Fingerprinter keys) => new(
        p.Type switch { ProfileType.OAuth => "oauth", ProfileType.ApiKey => "api_key", _ => p.Type.ToString().ToLowerInvariant() },
        p.ManagedBy,
        p.RefreshFingerprint?.Hex,
        p.AccessFingerprint?.Hex,
        p.AccessExpiresAt?.ToUnixTimeMilliseconds(),
        Key(keys, p.AccountId),
        Key(keys, p.Email ?? EmailInProfileId(p.ProfileId)),
        p.Provider);

    private static ResyncSource SourceOf(StoreSnapshot store, ProfileSnapshot p, Fingerprinter keys, ComparisonResult r, ProfileSnapshot copy)
    {
        // Core proved from its persisted history that the source held this copy's token before: that is the
        // "prior source refresh" evidence (the history itself is keyed per source inside core).
        var prior = new HashSet<string>(StringComparer.Ordinal);
        if (r.State == TokenStates.Stale && r.Proof is { Kind: ProofKind.RefreshTokenHistory } && copy.RefreshFingerprint is { } fp)
        {
            prior.Add(fp.Hex);
        }

        return new ResyncSource(
            store.Id.Store,
            store.Path,
            p.Blanked,
            p.AccessExpiresAt?.ToUnixTimeMilliseconds(),
            p.RefreshFingerprint?.Hex,
            p.AccessFingerprint?.Hex,
            prior,
            Key(keys, store.Account?.AccountId ?? p.AccountId),
            Key(keys, store.Account?.Email ?? p.Email));
    }

    private static string? EmailInProfileId(string profileId)
    {
        var colon = profileId.IndexOf(':', StringComparison.Ordinal);
        var tail = colon >= 0 ? profileId[(colon + 1)..] : "";
        return tail.Contains('@', StringComparison.Ordinal) ? tail : null;
    }

    private static string? Key(Fingerprinter keys, string? value) => string.IsNullOrWhiteSpace(value) ? null : keys.AccountId(value);
}
