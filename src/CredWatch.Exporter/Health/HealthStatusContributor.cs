using CredWatch.Exporter.Web;

namespace CredWatch.Exporter.Health;

/// <summary><c>/api/status</c> section <c>health</c>: per agent and provider, every effective profile and why it is (un)usable.</summary>
internal sealed class HealthStatusContributor(ProfileHealthMonitor monitor) : IStatusContributor
{
    public string Name => "health";

    public object? GetStatus() => Build(monitor.Current);

    public static object Build(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new
        {
            evaluatedAt = report.EvaluatedAt,
            agents = report.Agents.Select(a => new
            {
                agent = a.Agent,
                known = a.Known,
                unknownReason = a.UnknownReason,
                inheritsFrom = a.BaseStore?.ToString(),
                ignored = a.Ignored,
                usableProviders = a.UsableProviders,
                noUsableAuth = a.NoUsableAuth,
                nextCooldownEnd = a.NextCooldownEnd,
                summary = a.NoUsableAuth ? HealthText.NoUsableAuth(a, report.EvaluatedAt) : null,
                providers = a.Providers.Select(p => new
                {
                    provider = p.Provider,
                    usableProfiles = p.UsableProfiles,
                    usableAgainAt = p.UsableAgainAt,
                    lastGoodProblem = p.LastGoodProblem,
                    profiles = p.Profiles.Select(e => new
                    {
                        profile = e.DisplayId,
                        store = e.Holder.ToString(),
                        type = e.Type.ToString(),
                        inherited = e.Inherited,
                        usable = e.Usable,
                        reasons = e.Reasons,
                        usableAgainAt = e.UsableAgainAt,
                        benchedModel = e.BenchedModel,
                        disabledReason = e.DisabledReason,
                        failureCounts = e.FailureCounts,
                        firstTried = e.FirstTried,
                    }).ToList(),
                }).ToList(),
            }).ToList(),
            profiles = report.Stored.Select(u => new
            {
                store = u.Store.Store,
                agent = u.Store.Agent,
                provider = u.Provider,
                profile = u.DisplayId,
                cooldownUntil = u.CooldownUntil,
                disabledUntil = u.DisabledUntil,
                disabledReason = u.DisabledReason,
                errorCount = u.ErrorCount,
                failureCounts = u.FailureCounts,
                lastUsed = u.LastUsed,
                lastFailureAt = u.LastFailureAt,
            }).ToList(),
            configSmells = report.Smells.Select(s => new { store = s.Store.ToString(), provider = s.Provider, profile = s.DisplayId, smell = s.Smell, detail = s.Detail }).ToList(),
        };
    }
}
