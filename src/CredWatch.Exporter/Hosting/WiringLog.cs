using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Hosting;

/// <summary>Logging of the component wiring (event ids 1150–1169, inside the hosting range 1100–1199).</summary>
internal static partial class WiringLog
{
    [LoggerMessage(EventId = 1150, Level = LogLevel.Information, Message = "Gateway logs: following {Count} file(s): {Files}")]
    public static partial void LogFilesFollowed(ILogger logger, int count, string files);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Information, Message = "Gateway logs: no file matches {Globs} yet (CredWatch picks files up when they appear)")]
    public static partial void NoLogFiles(ILogger logger, string globs);

    [LoggerMessage(EventId = 1152, Level = LogLevel.Information, Message = "Task ledger found at {Path}: {Tasks} task(s), {Undelivered} undelivered result(s)")]
    public static partial void LedgerFound(ILogger logger, string path, int tasks, int undelivered);

    [LoggerMessage(EventId = 1153, Level = LogLevel.Information, Message = "Task ledger not found at {Path} ({Reason}): CredWatch keeps polling and reads it once it appears")]
    public static partial void LedgerNotFound(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1154, Level = LogLevel.Information, Message = "Gateway log tailing is disabled (CredWatch:LogTail:Enabled=false)")]
    public static partial void LogTailDisabled(ILogger logger);

    [LoggerMessage(EventId = 1155, Level = LogLevel.Information, Message = "Task ledger watching is disabled (CredWatch:Tasks:Enabled=false)")]
    public static partial void LedgerDisabled(ILogger logger);
}
