using Microsoft.Extensions.Logging;

namespace CredWatch.Alerts;

/// <summary>
/// Every log line of the alerts library (event ids 5000–5999). No line takes an exception object or
/// a URI: Telegram.Bot puts the token in every request URL, so failures are logged as sanitised text.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Information, "Telegram alerts enabled: {TargetCount} default target(s) via {AccountCount} bot account(s)")]
    public static partial void AlertsEnabled(ILogger logger, int targetCount, int accountCount);

    [LoggerMessage(5001, LogLevel.Warning, "Telegram alerts disabled: {Reason}")]
    public static partial void AlertsDisabled(ILogger logger, string reason);

    [LoggerMessage(5002, LogLevel.Information, "Telegram discovery: {Note}")]
    public static partial void DiscoveryNote(ILogger logger, string note);

    [LoggerMessage(5003, LogLevel.Information, "Telegram target: {Target}")]
    public static partial void TargetDiscovered(ILogger logger, string target);

    [LoggerMessage(5010, LogLevel.Information, "Alert message {MessageId} delivered to {Target} ({Alerts} alert(s), part {Part}/{Parts})")]
    public static partial void Delivered(ILogger logger, string messageId, string target, int alerts, int part, int parts);

    [LoggerMessage(5011, LogLevel.Warning, "Telegram rate limit for {Target}: retry after {RetryAfterSeconds}s")]
    public static partial void RateLimited(ILogger logger, string target, int retryAfterSeconds);

    [LoggerMessage(5012, LogLevel.Warning, "Alert send to {Target} failed ({Reason}): {Detail}; attempt {Attempt}, retry in {DelaySeconds}s")]
    public static partial void SendRetry(ILogger logger, string target, string reason, string detail, int attempt, double delaySeconds);

    [LoggerMessage(5013, LogLevel.Error, "Alert message {MessageId} to {Target} rejected ({Reason}): {Detail}; not retried")]
    public static partial void SendRejected(ILogger logger, string messageId, string target, string reason, string detail);

    [LoggerMessage(5014, LogLevel.Warning, "Alert outbox full: dropped undelivered message {MessageId} for {Target}")]
    public static partial void Dropped(ILogger logger, string messageId, string target);

    [LoggerMessage(5021, LogLevel.Warning, "Alert outbox {Path} unusable ({Reason}); starting empty")]
    public static partial void OutboxCorrupt(ILogger logger, string path, string reason);

    [LoggerMessage(5022, LogLevel.Information, "Alert outbox restored: {Pending} pending alert(s), {Messages} undelivered message(s), {Firing} firing condition(s)")]
    public static partial void OutboxRestored(ILogger logger, int pending, int messages, int firing);

    [LoggerMessage(5023, LogLevel.Warning, "Alert message {MessageId} to {Target} was being sent when CredWatch stopped; sending it once more, marked as a possible duplicate")]
    public static partial void InterruptedSend(ILogger logger, string messageId, string target);

    [LoggerMessage(5030, LogLevel.Warning, "Alert rejected: {Reason}")]
    public static partial void AlertRejected(ILogger logger, string reason);

    [LoggerMessage(5031, LogLevel.Debug, "Alert {Kind} {Phase} accepted for {Target}")]
    public static partial void Accepted(ILogger logger, string kind, string phase, string target);

    [LoggerMessage(5015, LogLevel.Warning, "Alert message {MessageId} to {Target} refused for the command bot ({Reason}): {Detail}; the gateway's bot sends it without the button")]
    public static partial void CommandBotFallback(ILogger logger, string messageId, string target, string reason, string detail);

    [LoggerMessage(5100, LogLevel.Information, "Telegram command bot on ({Users} allowed user(s), Bot API {Api})")]
    public static partial void CommandBotOn(ILogger logger, int users, string api);

    [LoggerMessage(5101, LogLevel.Warning, "Telegram command bot: refused {Command} from user {UserId} in chat {ChatId}: not an allowed user")]
    public static partial void CommandRefused(ILogger logger, string command, long userId, long chatId);

    [LoggerMessage(5102, LogLevel.Information, "Telegram command bot: {Command} from user {UserId}: {Outcome}")]
    public static partial void CommandAnswered(ILogger logger, string command, long userId, string outcome);

    [LoggerMessage(5103, LogLevel.Warning, "Telegram command bot: getUpdates failed: {Detail}; polling again in {DelaySeconds}s")]
    public static partial void CommandBotPollFailed(ILogger logger, string detail, double delaySeconds);

    [LoggerMessage(5104, LogLevel.Warning, "Telegram command bot: update {UpdateId} not handled: {Detail}")]
    public static partial void CommandBotUpdateFailed(ILogger logger, int updateId, string detail);

    [LoggerMessage(5105, LogLevel.Error, "Telegram command bot stopped: {Reason}")]
    public static partial void CommandBotStopped(ILogger logger, string reason);

    [LoggerMessage(5041, LogLevel.Trace, "Alert dispatcher idle for {Delay}")]
    public static partial void Idle(ILogger logger, TimeSpan delay);

    [LoggerMessage(5040, LogLevel.Error, "Alert dispatcher loop failed: {Detail}; continuing")]
    public static partial void LoopFailed(ILogger logger, string detail);
}
