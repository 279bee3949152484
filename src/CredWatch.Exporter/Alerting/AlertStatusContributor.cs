using CredWatch.Alerts;
using CredWatch.Exporter.Web;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Alerting;

/// <summary><c>/api/status</c> → <c>alerts</c>: firing counts, outbox depth, targets and what keeps any from working. No IO, no secrets.</summary>
internal sealed class AlertStatusContributor(AlertEngine engine, TelegramSetup setup, IOptions<TelegramOptions> telegram, IOptions<AlertsOptions> alerts) : IStatusContributor
{
    public string Name => "alerts";

    public object? GetStatus()
    {
        var firing = engine.FiringByKind();
        return new
        {
            enabled = alerts.Value.Enabled,
            canSend = setup.CanSend,
            telegramConfigured = TelegramConfigState.Configured(setup, telegram.Value),
            targets = setup.DefaultTargets.Select(t => t.ToString()).ToList(),
            accounts = setup.Accounts.Values.Select(a => new { id = a.Id, tokenSource = a.TokenSource, apiRoot = a.ApiBase?.GetLeftPart(UriPartial.Authority) ?? "https://api.telegram.org" }).ToList(),
            targetsWithoutTokens = TelegramConfigState.TokenProblems(setup),
            firing = firing.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            firingTotal = firing.Values.Sum(),
            outboxDepth = engine.Depth,
            groupingWindowSeconds = alerts.Value.GroupingWindow.TotalSeconds,
            notes = setup.Notes,
        };
    }
}
