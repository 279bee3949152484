using Microsoft.Extensions.Logging;

namespace CredWatch.LogTail;

/// <summary>LogTail's log messages (event ids 4000–4099). Paths only, never line contents.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "Following {Path} from byte {Offset}")]
    public static partial void Following(ILogger logger, string path, long offset);

    [LoggerMessage(4001, LogLevel.Information, "Resuming {Path} at its stored position {Offset}")]
    public static partial void Resumed(ILogger logger, string path, long offset);

    [LoggerMessage(4002, LogLevel.Warning, "{Path}: same file but its head changed while CredWatch was stopped (copytruncate); reading it from the start")]
    public static partial void ContentChanged(ILogger logger, string path);

    [LoggerMessage(4003, LogLevel.Information, "{Path} was replaced while CredWatch was stopped; reading the new file from the start")]
    public static partial void Replaced(ILogger logger, string path);

    [LoggerMessage(4004, LogLevel.Information, "{Path}: rotation detected ({Kind}); reading from the start")]
    public static partial void Rotated(ILogger logger, string path, string kind);

    [LoggerMessage(4005, LogLevel.Information, "Let go of {Path} ({Kind})")]
    public static partial void LetGo(ILogger logger, string path, string kind);

    [LoggerMessage(4006, LogLevel.Warning, "Cannot open {Path} ({Reason}); will retry")]
    public static partial void OpenFailed(ILogger logger, string path, string reason);

    [LoggerMessage(4007, LogLevel.Warning, "Reading {Path} failed ({Reason}); will retry")]
    public static partial void ReadFailed(ILogger logger, string path, string reason);

    [LoggerMessage(4008, LogLevel.Warning, "Stored log positions {Path} unreadable ({Reason}); set aside, starting as on a first start")]
    public static partial void PositionsUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(4009, LogLevel.Warning, "Could not save log positions to {Path}: {Detail}")]
    public static partial void PositionsNotSaved(ILogger logger, string path, string detail);

    [LoggerMessage(4010, LogLevel.Information, "inotify unavailable for {Dir} ({Reason}); polling every {Interval}")]
    public static partial void WatcherUnavailable(ILogger logger, string dir, string reason, TimeSpan interval);

    [LoggerMessage(4011, LogLevel.Warning, "Log signal {Signal} (provider {Provider}, run {RunId})")]
    public static partial void SignalSeen(ILogger logger, string signal, string provider, string? runId);

    [LoggerMessage(4012, LogLevel.Error, "A log-signal sink threw {ExceptionType}; the signal is still counted")]
    public static partial void SinkFailed(ILogger logger, string exceptionType);

    [LoggerMessage(4013, LogLevel.Error, "Log tailing pass failed ({ExceptionType}: {Detail}); retrying at the next poll")]
    public static partial void PassFailed(ILogger logger, string exceptionType, string detail);

    [LoggerMessage(4020, LogLevel.Information, "journald source started: {Command} (after cursor: {HasCursor})")]
    public static partial void JournalStarted(ILogger logger, string command, bool hasCursor);

    [LoggerMessage(4021, LogLevel.Warning, "journald source exited ({ExitCode}); restarting in {Delay}")]
    public static partial void JournalExited(ILogger logger, int exitCode, TimeSpan delay);

    [LoggerMessage(4022, LogLevel.Warning, "journald source cannot start {Command} ({Reason}); retrying in {Delay}")]
    public static partial void JournalStartFailed(ILogger logger, string command, string reason, TimeSpan delay);

    [LoggerMessage(4023, LogLevel.Debug, "journald entry without MESSAGE skipped")]
    public static partial void JournalEntrySkipped(ILogger logger);
}
