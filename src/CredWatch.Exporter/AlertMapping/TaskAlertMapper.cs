using System.Globalization;
using System.Text;
using CredWatch.Alerts;
using CredWatch.Exporter.Tasks;
using CredWatch.Alerts.Model;

namespace CredWatch.Exporter.AlertMapping;

/// <summary>
/// One undelivered task result → one condition in its own source (<c>task/&lt;id&gt;</c>), routed to the
/// requester's chat/topic. A source per result lets the alert book (persisted by the library) carry the
/// firing state across restarts: the ledger reports each result once, and resolves it once.
/// Never contains the result itself: only the ≤ 80-char label.
/// </summary>
internal static class TaskAlertMapper
{
    public static string SourceFor(string taskId) => "task/" + taskId;

    public static AlertCondition Map(UndeliveredResult r)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Task result not delivered ({r.ReasonLabel}): \"{Label(r.Label)}\"\n");
        sb.Append(CultureInfo.InvariantCulture, $"{r.Runtime} task {r.TaskId}");
        if (r.AgentId is { } agent)
        {
            sb.Append(CultureInfo.InvariantCulture, $", agent {agent}");
        }

        if (r.Origin is { } origin)
        {
            sb.Append(CultureInfo.InvariantCulture, $", for {origin.Display}");
        }

        sb.Append(CultureInfo.InvariantCulture, $". Cause: {r.Cause}");
        if (r.Login is { LoginBroken: true } login)
        {
            sb.Append(CultureInfo.InvariantCulture, $" (login {login.ProfileId} is {login.State})");
        }

        sb.Append('.');
        if (r.Reason == UndeliveredReason.AtRisk && r.DeadlineAt is { } deadline)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nOpenClaw keeps retrying until {StoreAlertMapper.Clock(deadline)}, then gives up.");
        }

        if (r.Commands.Count > 0)
        {
            sb.Append("\nRun, in order:");
            var i = 1;
            foreach (var c in r.Commands)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\n{i++}. {c.Command}");
                if (!string.IsNullOrEmpty(c.Note))
                {
                    sb.Append(CultureInfo.InvariantCulture, $" — {c.Note}");
                }
            }
        }

        return new AlertCondition("task/" + r.TaskId, AlertKinds.TaskUndelivered,
            r.Reason == UndeliveredReason.AtRisk ? AlertSeverity.Warning : AlertSeverity.Critical, sb.ToString())
        {
            Route = Route(r),

            // The button (command bot only) runs the same retry as the listed command.
            Action = r.Commands.Any(c => c.Command.StartsWith("openclaw tasks retry ", StringComparison.Ordinal)) ? AlertAction.RetryDelivery(r.TaskId) : null,
            ResolvedText = $"resolved: the result of task {r.TaskId} (\"{Label(r.Label)}\") was delivered or dismissed",
        };
    }

    /// <summary>
    /// The one message that ends the alert, in its chat and topic: delivered, dismissed, or expired
    /// unrecovered with the reason, and what CredWatch itself tried on the way.
    /// </summary>
    public static string FollowUp(ResolvedTaskResult r)
    {
        var sb = new StringBuilder();
        var what = r.Label is { } label ? $"The result of task {r.TaskId} (\"{Label(label)}\")" : $"The result of task {r.TaskId}";
        switch (r.Outcome)
        {
            case TaskOutcome.Delivered:
                sb.Append(CultureInfo.InvariantCulture, $"Delivered: {what} reached its requester");
                if (r.SettledAt is { } at)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" at {StoreAlertMapper.Clock(at)}");
                }

                sb.Append(r.Retries.Any(x => x.Outcome == TaskRetryOutcomes.Ok) ? " after CredWatch's retry." : ".");
                break;
            case TaskOutcome.Dismissed:
                sb.Append(CultureInfo.InvariantCulture, $"Dismissed: {what} will not be delivered: {r.Detail}. Nothing more to do.");
                break;
            default:
                sb.Append(CultureInfo.InvariantCulture, $"Expired unrecovered: {what} was never delivered: {r.Detail}");
                if (r.LastReason is { } reason)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"; last seen {reason}");
                }

                if (r.Login is { LoginBroken: true } login)
                {
                    sb.Append(CultureInfo.InvariantCulture, $", failed on login {login.ProfileId} ({login.State})");
                }

                sb.Append(". Re-run the work if it is still needed.");
                break;
        }

        foreach (var retry in r.Retries)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nCredWatch ran `openclaw tasks retry {r.TaskId}` at {StoreAlertMapper.Clock(DateTimeOffset.FromUnixTimeMilliseconds(retry.At))}: {retry.Outcome}");
            if (!string.IsNullOrEmpty(retry.Detail))
            {
                sb.Append(CultureInfo.InvariantCulture, $" ({retry.Detail})");
            }
        }

        return sb.ToString();
    }

    internal static AlertRoute Route(UndeliveredResult r)
    {
        if (r.Origin is { Recorded: true, Channel: "telegram", To: { } to } o && long.TryParse(to, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chat))
        {
            int? thread = int.TryParse(o.ThreadId, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;
            return AlertRoute.ToChat(chat, thread, o.AccountId);
        }

        return r.RequesterSessionKey is { Length: > 0 } key ? AlertRoute.ToSession(key) : AlertRoute.Default;
    }

    /// <summary>The ledger bounds labels already; this keeps the promise if a producer ever does not.</summary>
    private static string Label(string label)
    {
        var single = label.ReplaceLineEndings(" ");
        return single.Length <= 80 ? single : single[..79] + "…";
    }
}
