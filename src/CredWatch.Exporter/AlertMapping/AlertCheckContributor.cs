using CredWatch.Alerts;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using Microsoft.Extensions.Options;
using CredWatch.Alerts.Discovery;

namespace CredWatch.Exporter.AlertMapping;

/// <summary><c>credwatch check</c>: one line on alert delivery; a warning when Telegram is configured but cannot send.</summary>
internal sealed class AlertCheckContributor(TelegramSetup setup, IOptions<TelegramOptions> telegram, IOptions<AlertsOptions> alerts) : ICheckContributor
{
    public Task<IReadOnlyList<CheckLine>> GetLinesAsync(RegistryState state, CancellationToken cancellationToken)
    {
        CheckLine line;
        if (!alerts.Value.Enabled)
        {
            line = new CheckLine(CheckSeverity.Ok, "alerts", "telegram", "CredWatch's own Telegram alerts off (CredWatch:Alerts:Enabled=false): Prometheus and Alertmanager send them");
        }
        else if (setup.CanSend)
        {
            var problems = TelegramConfigState.TokenProblems(setup);
            line = problems.Count == 0
                ? new CheckLine(CheckSeverity.Ok, "alerts", "telegram", $"{setup.DefaultTargets.Count} target(s): {string.Join(", ", setup.DefaultTargets)}")
                : new CheckLine(CheckSeverity.Warning, "alerts", "telegram", $"{setup.DefaultTargets.Count} target(s), but: {string.Join("; ", problems)}");
        }
        else if (TelegramConfigState.Configured(setup, telegram.Value))
        {
            line = new CheckLine(CheckSeverity.Warning, "alerts", "telegram",
                $"Telegram is configured but CredWatch cannot send: {string.Join("; ", setup.Notes)} (see --telegram.bot-token-file, --telegram.chat-id)");
        }
        else
        {
            line = new CheckLine(CheckSeverity.Ok, "alerts", "telegram", "no Telegram configured in OpenClaw or CredWatch: alerts off");
        }

        return Task.FromResult<IReadOnlyList<CheckLine>>([line]);
    }
}
