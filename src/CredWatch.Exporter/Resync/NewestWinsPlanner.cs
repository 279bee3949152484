namespace CredWatch.Exporter.Resync;

/// <summary>
/// <c>--resync-mode newest-wins</c>: within one lineage, the copy with the latest expiry is the source
/// and every other copy holding another refresh token becomes a stale candidate. The ordinary decision
/// rules then still apply (CLI stores only with opt-in, fences and dead sources refused).
/// </summary>
internal static class NewestWinsPlanner
{
    public static IReadOnlyList<ResyncCandidate> Plan(IReadOnlyList<LineageMember> members)
    {
        var newest = members
            .Where(m => !m.IsFenced && !m.IsBlanked && m.Copy.RefreshFingerprint is { Length: > 0 } && m.Copy.ExpiresAtMs is not null)
            .OrderByDescending(m => m.Copy.ExpiresAtMs)
            .ThenBy(m => m.Layout == TargetLayout.CliStore ? 0 : 1) // a tie goes to the CLI's own store
            .FirstOrDefault();
        if (newest is null)
        {
            return [];
        }

        var source = new ResyncSource(
            Store: newest.Layout == TargetLayout.CliStore ? newest.AgentId : "openclaw",
            SourceId: newest.StorePath + "#" + newest.ProfileId,
            IsBlanked: false,
            ExpiresAtMs: newest.Copy.ExpiresAtMs,
            RefreshFingerprint: newest.Copy.RefreshFingerprint,
            AccessFingerprint: newest.Copy.AccessFingerprint,
            PriorRefreshFingerprints: new HashSet<string>(StringComparer.Ordinal),
            AccountKey: newest.Copy.AccountKey,
            EmailKey: newest.Copy.EmailKey);

        var plan = new List<ResyncCandidate>();
        foreach (var m in members)
        {
            if (ReferenceEquals(m, newest) || m.Copy.RefreshFingerprint == newest.Copy.RefreshFingerprint)
            {
                continue;
            }

            plan.Add(new ResyncCandidate(
                m.AgentId, m.ProfileId, m.ProfileDisplayId, m.Provider, m.Layout, m.StorePath,
                m.IsFenced ? CopyRelation.Fenced : CopyRelation.Stale,
                m.Copy, source, OperatorMapped: false, SameLineage: true));
        }

        return plan;
    }
}
