using System.Globalization;
using CredWatch.Alerts;
using CredWatch.LogTail.Signals;
using CredWatch.Alerts.Model;
using CredWatch.Exporter.Reporting;

namespace CredWatch.Exporter.AlertMapping;

/// <summary>
/// Maps one LogTail signal to a one-shot alert (or none). Keys are stable for the same fact so a restart
/// that re-reads a line, or LogTail's own duplicates, deliver once: the run id for lost results, the
/// provider plus a time bucket for provider failures.
/// </summary>
internal static class LogSignalAlertMapper
{
    public const string NoApiKey = "no_api_key";
    public const string SigninExpired = "signin_expired";
    public const string CredentialsMissing = "credentials_missing";

    public static AlertEvent? Map(LogSignal s, TimeSpan providerWindow)
    {
        switch (s.Signal)
        {
            case SignalNames.OrphanRunPruned:
            case SignalNames.AnnounceGiveUp:
                return ResultLost(s);
            case SignalNames.OAuthRefreshFailed:
                return Provider(s, AlertKinds.OAuthRefreshFailed, AlertSeverity.Critical, providerWindow, (p, agent) =>
                    $"OpenClaw could not refresh the {p} login{agent}. Requests fall back or fail until it works. " +
                    $"If it keeps failing, the login is gone: log in again:\n{RepairCommands.Login(s.AgentId, p)}");
            case SignalNames.NoApiKey:
                return Provider(s, NoApiKey, AlertSeverity.Critical, providerWindow, (p, agent) =>
                    $"OpenClaw found no usable credential for {p}{agent} (\"No API key found\"). " +
                    $"Check `openclaw models status`, then log in:\n{RepairCommands.Login(s.AgentId, p)}");
            case SignalNames.SigninExpired:
                return Provider(s, SigninExpired, AlertSeverity.Critical, providerWindow, (p, agent) =>
                    $"The {p} sign-in expired{agent}. It will not come back by itself; log in again:\n{RepairCommands.Login(s.AgentId, p)}");
            case SignalNames.MigrationRequired:
                return Provider(s, AlertKinds.MigrationRequired, AlertSeverity.Critical, providerWindow, (p, agent) =>
                    $"OpenClaw says the {p} credentials need a migration{agent}.\nFix: {RepairCommands.DoctorFix}");
            case SignalNames.CredentialsMissing:
                return Provider(s, CredentialsMissing, AlertSeverity.Warning, providerWindow, (p, agent) =>
                    $"OpenClaw reports missing credentials for {p}{agent}. Check `openclaw models status`, then log in:\n{RepairCommands.Login(s.AgentId, p)}");
            default:
                return null;
        }
    }

    private static AlertEvent ResultLost(LogSignal s)
    {
        var run = s.RunId ?? s.ChildSessionKey ?? s.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var what = s.Signal == SignalNames.OrphanRunPruned
            ? $"OpenClaw pruned the orphaned subagent run {run}" + (s.Source is { } src ? $" on {src}" : string.Empty)
            : $"OpenClaw gave up announcing the result of subagent run {run}" + (s.Retries is { } r ? $" after {r} retries" : string.Empty);
        var reason = s.Reason is { } why ? $" ({why})" : string.Empty;
        var where = s.Requester is { } req ? $"\nIt was meant for {Place(req)}." : string.Empty;
        var text = $"A subagent result was lost: {what}{reason}.{where}\nThe result will not arrive by itself: ask the agent to run the task again" +
            (s.Requester?.Agent is { } agent ? $" (agent {agent})." : ".");
        return new AlertEvent($"{AlertKinds.ResultLost}/{run}", AlertKinds.ResultLost, AlertSeverity.Warning, text)
        {
            Route = s.Requester is { } rk ? AlertRoute.ToSession(rk.Raw) : AlertRoute.Default,
        };
    }

    private static string Place(RequesterKey k)
    {
        if (k.ChatId is null)
        {
            return $"session {k.Raw}";
        }

        var topic = k.Topic is { } t ? $", topic {t}" : string.Empty;
        return $"{k.Channel} {k.ChatType} {k.ChatId}{topic} (agent {k.Agent})";
    }

    private static AlertEvent Provider(LogSignal s, string kind, AlertSeverity severity, TimeSpan window, Func<string, string, string> text)
    {
        var provider = s.ProviderName ?? s.Provider;
        var bucket = s.Time.ToUnixTimeMilliseconds() / (long)window.TotalMilliseconds;
        var agent = s.AgentId is { } a ? $" (agent {a})" : string.Empty;
        return new AlertEvent($"{kind}/{provider}/{s.AgentId ?? "-"}/{bucket}", kind, severity, text(provider, agent));
    }
}
