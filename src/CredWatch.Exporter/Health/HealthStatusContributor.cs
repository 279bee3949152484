using CredWatch.Exporter.Health.Status;
using CredWatch.Exporter.Reporting;

namespace CredWatch.Exporter.Health;

/// <summary><c>/api/status</c> section <c>health</c>: per agent and provider, every effective profile and why it is (un)usable.</summary>
internal sealed class HealthStatusContributor(ProfileHealthMonitor monitor) : IStatusContributor
{
    public string Name => "health";

    public StatusSection? GetStatus() => StatusSection.From(Build(monitor.Current), HealthJsonContext.Default.HealthStatusView);

    public static HealthStatusView Build(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new HealthStatusView(
            EvaluatedAt: report.EvaluatedAt,
            Agents: [.. report.Agents.Select(a => new AgentHealthView(
                Agent: a.Agent,
                Known: a.Known,
                UnknownReason: a.UnknownReason,
                InheritsFrom: a.BaseStore?.ToString(),
                Ignored: a.Ignored,
                UsableProviders: a.UsableProviders,
                NoUsableAuth: a.NoUsableAuth,
                NextCooldownEnd: a.NextCooldownEnd,
                Summary: a.NoUsableAuth ? HealthText.NoUsableAuth(a, report.EvaluatedAt) : null,
                Providers: [.. a.Providers.Select(p => new ProviderHealthView(
                    Provider: p.Provider,
                    UsableProfiles: p.UsableProfiles,
                    UsableAgainAt: p.UsableAgainAt,
                    LastGoodProblem: p.LastGoodProblem,
                    Profiles: [.. p.Profiles.Select(e => new EffectiveProfileHealthView(
                        Profile: e.DisplayId,
                        Store: e.Holder.ToString(),
                        Type: e.Type.ToString(),
                        Inherited: e.Inherited,
                        Usable: e.Usable,
                        Reasons: e.Reasons,
                        UsableAgainAt: e.UsableAgainAt,
                        BenchedModel: e.BenchedModel,
                        DisabledReason: e.DisabledReason,
                        FailureCounts: e.FailureCounts,
                        FirstTried: e.FirstTried))]))]))],
            Profiles: [.. report.Stored.Select(u => new StoredProfileUsageView(
                Store: u.Store.Store,
                Agent: u.Store.Agent,
                Provider: u.Provider,
                Profile: u.DisplayId,
                CooldownUntil: u.CooldownUntil,
                DisabledUntil: u.DisabledUntil,
                DisabledReason: u.DisabledReason,
                ErrorCount: u.ErrorCount,
                FailureCounts: u.FailureCounts,
                LastUsed: u.LastUsed,
                LastFailureAt: u.LastFailureAt))],
            ConfigSmells: [.. report.Smells.Select(s => new ConfigSmellView(s.Store.ToString(), s.Provider, s.DisplayId, s.Smell, s.Detail))]);
    }
}
