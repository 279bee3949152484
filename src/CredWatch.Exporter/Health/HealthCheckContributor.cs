using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;

namespace CredWatch.Exporter.Health;

/// <summary>
/// <c>credwatch check</c>: one line per OpenClaw agent (usable providers, next cooldown end) — critical when an
/// agent has profiles but none usable — plus warnings for a first-tried profile that is broken while another
/// works, and for config smells.
/// </summary>
internal sealed class HealthCheckContributor(ProfileHealthMonitor monitor) : ICheckContributor
{
    public const string Component = "health";

    public Task<IReadOnlyList<CheckLine>> GetLinesAsync(RegistryState state, CancellationToken cancellationToken) =>
        Task.FromResult(Lines(monitor.Evaluate(state)));

    public static IReadOnlyList<CheckLine> Lines(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = report.EvaluatedAt;
        var lines = new List<CheckLine>();
        foreach (var a in report.Agents)
        {
            var subject = "agent " + a.Agent;
            if (!a.Known)
            {
                // The store line already reports the failure; do not claim anything about usability.
                lines.Add(new CheckLine(CheckSeverity.Ok, Component, subject, $"usability unknown ({a.UnknownReason})"));
                continue;
            }

            if (a.Providers.Count == 0)
            {
                lines.Add(new CheckLine(a.Ignored ? CheckSeverity.Ok : CheckSeverity.Warning, Component, subject,
                    "no stored auth profiles (fine only if it runs on API keys from its environment)"));
                continue;
            }

            var providers = string.Join(", ", a.Providers.Select(p => $"{p.Provider} {p.UsableProfiles}/{p.Profiles.Count}"));
            var next = a.NextCooldownEnd is { } n ? $"; next cooldown ends {HealthText.Time(n, now)}" : string.Empty;
            if (a.NoUsableAuth)
            {
                lines.Add(new CheckLine(a.Ignored ? CheckSeverity.Warning : CheckSeverity.Critical, Component, subject,
                    HealthText.NoUsableAuth(a, now) + next));
            }
            else
            {
                var blocked = a.Providers.Where(p => p.UsableProfiles == 0).Select(p => HealthText.ProviderSummary(p, now)).ToList();
                var message = $"{a.UsableProviders}/{a.Providers.Count} provider(s) usable ({providers}){next}";
                lines.Add(new CheckLine(blocked.Count > 0 ? CheckSeverity.Warning : CheckSeverity.Ok, Component, subject,
                    blocked.Count > 0 ? message + " — " + string.Join(", ", blocked) : message));
            }

            lines.AddRange(a.Providers.Where(p => p.LastGoodProblem is not null).Select(p => new CheckLine(
                CheckSeverity.Warning, Component, $"{subject} {p.Provider}", p.LastGoodProblem + "; OpenClaw fails over, but each turn pays for it")));
        }

        lines.AddRange(report.Smells.Select(s => new CheckLine(CheckSeverity.Warning, Component, $"{s.Store} {s.DisplayId}", $"{s.Smell}: {s.Detail}")));

        return lines;
    }
}
