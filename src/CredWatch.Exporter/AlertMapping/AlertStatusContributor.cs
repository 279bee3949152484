using CredWatch.Alerts;
using CredWatch.Exporter.AlertMapping.Status;
using CredWatch.Exporter.Reporting;
using Microsoft.Extensions.Options;
using CredWatch.Alerts.Delivery;
using CredWatch.Alerts.Discovery;

namespace CredWatch.Exporter.AlertMapping;

/// <summary><c>/api/status</c> → <c>alerts</c>: firing counts, outbox depth, targets and what keeps any from working. No IO, no secrets.</summary>
internal sealed class AlertStatusContributor(AlertEngine engine, TelegramSetup setup, IOptions<TelegramOptions> telegram, IOptions<AlertsOptions> alerts) : IStatusContributor
{
    public string Name => "alerts";

    public StatusSection? GetStatus()
    {
        var firing = engine.FiringByKind();
        var view = new AlertStatusView(
            Enabled: alerts.Value.Enabled,
            CanSend: setup.CanSend,
            TelegramConfigured: TelegramConfigState.Configured(setup, telegram.Value),
            Targets: [.. setup.DefaultTargets.Select(t => t.ToString())],
            Accounts: [.. setup.Accounts.Values.Select(a => new BotAccountView(a.Id, a.TokenSource, a.ApiBase?.GetLeftPart(UriPartial.Authority) ?? "https://api.telegram.org"))],
            TargetsWithoutTokens: TelegramConfigState.TokenProblems(setup),
            Firing: firing.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            FiringTotal: firing.Values.Sum(),
            OutboxDepth: engine.Depth,
            GroupingWindowSeconds: alerts.Value.GroupingWindow.TotalSeconds,
            Notes: setup.Notes);
        return StatusSection.From(view, AlertStatusJsonContext.Default.AlertStatusView);
    }
}
