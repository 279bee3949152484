using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Hosting.Push;

/// <summary>Push-mode log lines (event ids 1900–1919 of the Exporter core range).</summary>
internal static partial class PushLog
{
    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Pushing metrics to {Endpoint} as job={Job} instance={Instance} every {Interval}")]
    public static partial void Started(ILogger logger, string endpoint, string job, string instance, TimeSpan interval);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Push to the Pushgateway failed: {Reason}")]
    public static partial void Failed(ILogger logger, string reason);

}
