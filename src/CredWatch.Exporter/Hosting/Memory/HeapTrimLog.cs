using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Hosting.Memory;

/// <summary>Heap trimming log lines (event ids 1920–1929 of the Exporter core range).</summary>
internal static partial class HeapTrimLog
{
    [LoggerMessage(EventId = 1920, Level = LogLevel.Debug, Message = "Heap trimmed: {ReclaimableMiB:0.0} MiB was reclaimable; GC committed {BeforeMiB:0.0} -> {AfterMiB:0.0} MiB in {Milliseconds:0} ms")]
    public static partial void Trimmed(ILogger logger, double reclaimableMiB, double beforeMiB, double afterMiB, double milliseconds);
}
