using CredWatch.Alerts.Formatting;
using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Delivery;

internal sealed class AlertTester(TelegramSender sender, TimeProvider time) : IAlertTester
{
    public async Task<IReadOnlyList<AlertTestResult>> SendTestAsync(CancellationToken cancellationToken)
    {
        var setup = sender.Setup;
        if (!setup.CanSend)
        {
            return [new AlertTestResult("(none)", false, "no_target", string.Join("; ", setup.Notes))];
        }

        var results = new List<AlertTestResult>();
        foreach (var target in setup.DefaultTargets)
        {
            var text = $"CredWatch can reach this chat ({target}). Alerts about OpenClaw logins and lost results will arrive here. Sent {time.GetUtcNow():yyyy-MM-dd HH:mm:ss}Z.";
            var html = AlertFormatter.Format([new AlertNotification
            {
                Id = "test",
                AlertKey = "test",
                Kind = AlertKinds.Test,
                Severity = AlertSeverity.Info,
                Phase = NotificationPhase.Test,
                Text = text,
                Target = target,
                AcceptedAt = time.GetUtcNow(),
            }])[0];
            var outcome = await sender.SendAsync(target, html, cancellationToken);
            results.Add(new AlertTestResult(target.ToString(), outcome.Success, outcome.Reason, outcome.Detail));
        }

        return results;
    }
}
