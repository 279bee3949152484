using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Web;

/// <summary>Builds the <c>/api/status</c> JSON: every store, credential, state, expiry — never a secret or fingerprint.</summary>
internal static class StatusDocument
{
    public static Dictionary<string, object?> Build(RegistryState state, IEnumerable<IStatusContributor> contributors, TimeProvider time)
    {
        var doc = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["version"] = Metrics.CoreMetrics.Version,
            ["now"] = time.GetUtcNow(),
            ["ready"] = state.Ready,
            ["lastScanAt"] = state.LastScanAt,
            ["openclawStateDir"] = state.OpenClawStateDir,
            ["stores"] = state.Stores.Values.OrderBy(e => e.Snapshot.Id.Store, StringComparer.Ordinal).ThenBy(e => e.Snapshot.Id.Agent, StringComparer.Ordinal)
                .Select(e => StoreView(e, state)).ToList(),
        };
        foreach (var c in contributors)
        {
            if (c.GetStatus() is { } section)
            {
                doc[c.Name] = section;
            }
        }

        return doc;
    }

    private static object StoreView(StoreEntry e, RegistryState state)
    {
        var comparisons = state.Comparisons;
        var s = e.Snapshot;
        return new
        {
            store = s.Id.Store,
            agent = s.Id.Agent,
            path = s.Path,
            layout = s.Layout.ToString(),
            up = s.Up,
            error = s.Error is null ? null : new { reason = s.Error.Reason, detail = s.Error.Detail },
            schemaVersion = s.SchemaVersion,
            updatedAt = s.UpdatedAt,
            lastChangeAt = e.LastChangeAt,
            sharedLocation = s.SharedLocation,
            migrationRequiredBy = s.MigrationRequiredBy,
            ignoredResignIns = s.IgnoredResignIns.Select(i => new { profile = i.DisplayId, archive = i.ArchivePath, archivedAt = i.ArchivedAt, archivedExpiresAt = i.ArchivedExpiresAt }).ToList(),
            effectiveProfiles = EffectiveProfiles(s, state),
            profiles = s.Profiles.Select(p =>
            {
                var c = comparisons.FirstOrDefault(x => x.Store == s.Id && x.ProfileId == p.ProfileId);
                return new
                {
                    profile = p.DisplayId,
                    provider = p.NormalizedProvider,
                    type = p.Type.ToString(),
                    state = c?.State,
                    source = c?.Source?.ToString(),
                    proof = c?.Proof.Kind.ToString(),
                    detail = c?.Detail,
                    fence = p.Fence == FenceState.None ? null : p.Fence.ToString(),
                    accessExpiresAt = p.AccessExpiresAt,
                    refreshExpiresAt = p.RefreshExpiresAt,
                    loginExpiresAt = c?.LoginExpiresAt,
                    shadowsShared = c?.ShadowsShared ?? false,
                    staleShadow = c?.StaleShadow ?? false,
                };
            }).ToList(),
        };
    }

    /// <summary>For an agent store: every profile the agent really uses and which copy (its own shadows the shared one).</summary>
    private static List<object>? EffectiveProfiles(StoreSnapshot s, RegistryState state)
    {
        if (s.Id.Store != StoreLabels.OpenClaw || s.Id.Agent is null)
        {
            return null;
        }

        var shared = state.Stores.Values.Select(e => e.Snapshot).FirstOrDefault(x => x.Id.Store == StoreLabels.OpenClawShared && x.Up);
        var result = new List<object>();
        foreach (var p in s.Profiles)
        {
            var c = state.Comparisons.FirstOrDefault(x => x.Store == s.Id && x.ProfileId == p.ProfileId);
            var shadows = shared?.Profiles.Any(x => x.ProfileId == p.ProfileId) ?? false;
            result.Add(new { profile = p.DisplayId, uses = "local", shadowsShared = shadows, state = c?.State });
        }

        foreach (var p in shared?.Profiles.Where(x => !s.Profiles.Any(l => l.ProfileId == x.ProfileId)) ?? [])
        {
            var c = state.Comparisons.FirstOrDefault(x => x.Store == shared!.Id && x.ProfileId == p.ProfileId);
            result.Add(new { profile = p.DisplayId, uses = StoreLabels.OpenClawShared, shadowsShared = false, state = c?.State });
        }

        return result;
    }
}
