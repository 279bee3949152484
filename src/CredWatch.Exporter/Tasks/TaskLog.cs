using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Tasks;

/// <summary>Log lines of the task ledger (event ids 2500–2999). Never task text beyond the label, never secrets.</summary>
internal static partial class TaskLog
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "Task ledger {Path}: reading ({Total} tasks, {Undelivered} undelivered)")]
    public static partial void LedgerUp(ILogger logger, string path, int total, int undelivered);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning, Message = "Task ledger {Path} unavailable: {Reason} ({Detail}); keeping the last known results")]
    public static partial void LedgerDown(ILogger logger, string path, string reason, string? detail);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Warning, Message = "Undelivered {Runtime} result {TaskId} ({Reason}, cause {Cause}) for agent {Agent}: \"{Label}\"")]
    public static partial void Undelivered(ILogger logger, string runtime, string taskId, string reason, string cause, string? agent, string label);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Information, Message = "Task result {TaskId} resolved: {Outcome} ({Detail})")]
    public static partial void Resolved(ILogger logger, string taskId, TaskOutcome outcome, string? detail);

    [LoggerMessage(EventId = 2504, Level = LogLevel.Warning, Message = "Counted-task file {Path} unusable ({Reason}); moved aside, starting afresh")]
    public static partial void CountedFileBad(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 2505, Level = LogLevel.Warning, Message = "Could not save counted-task file {Path}; will retry")]
    public static partial void CountedFileSaveFailed(ILogger logger, string path);

    [LoggerMessage(EventId = 2506, Level = LogLevel.Warning, Message = "Publishing {Fired} task alerts / {Resolved} resolutions failed; will retry next pass")]
    public static partial void PublishFailed(ILogger logger, int fired, int resolved, Exception exception);

    [LoggerMessage(EventId = 2507, Level = LogLevel.Debug, Message = "Task ledger pass: full={Full} changed={Changed} rows={Rows} tracked={Tracked} in {ElapsedMs} ms")]
    public static partial void Pass(ILogger logger, bool full, bool changed, int rows, int tracked, double elapsedMs);

    [LoggerMessage(EventId = 2508, Level = LogLevel.Error, Message = "Task ledger pass failed unexpectedly")]
    public static partial void PassCrashed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2509, Level = LogLevel.Information, Message = "Task ledger disabled (CredWatch:Tasks:Enabled = false)")]
    public static partial void Disabled(ILogger logger);
}
