using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Metrics;

/// <summary>Metric sizing log lines (event ids 1930–1939 of the Exporter core range).</summary>
internal static partial class MetricsLog
{
    [LoggerMessage(EventId = 1930, Level = LogLevel.Debug, Message = "Metrics sized for {Agents} OpenClaw agents: {FanOut} points per fan-out metric, {PerStore} per per-store metric")]
    public static partial void Sized(ILogger logger, int agents, int fanOut, int perStore);

    [LoggerMessage(EventId = 1931, Level = LogLevel.Warning, Message = "{Agents} OpenClaw agents now, but the metrics were sized for {Capacity} at start: series past the limits are dropped (otel_metric_overflow). Restart CredWatch to resize, or set CredWatch:Metrics:AgentCapacity")]
    public static partial void CapacityExceeded(ILogger logger, int agents, int capacity);

    [LoggerMessage(EventId = 1932, Level = LogLevel.Information, Message = "{Agents} OpenClaw agents: back within the metrics capacity of {Capacity}")]
    public static partial void CapacityRestored(ILogger logger, int agents, int capacity);
}
