using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.AlertMapping;

/// <summary>Alert wiring log events: 1700–1749 (inside the Exporter core range).</summary>
internal static partial class AlertingLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Warning, Message = "Could not publish {Source} alerts ({Error}): {Detail}")]
    public static partial void PublishFailed(ILogger logger, string source, string error, string detail);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Alert raised from log signal {Signal}: {Key}")]
    public static partial void SignalAlert(ILogger logger, string signal, string key);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Task result alerts: {Fired} fired, {Resolved} resolved")]
    public static partial void TaskAlerts(ILogger logger, int fired, int resolved);
}
