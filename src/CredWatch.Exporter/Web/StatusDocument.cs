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
                .Select(e => StoreView(e, state.Comparisons)).ToList(),
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

    private static object StoreView(StoreEntry e, IReadOnlyList<ComparisonResult> comparisons)
    {
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
                };
            }).ToList(),
        };
    }
}
