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

    [LoggerMessage(EventId = 2510, Level = LogLevel.Information, Message = "Automatic retry of blocked task results on: {Executable}, at most {MaxPerHour} per hour, once the login each failed on is live again")]
    public static partial void AutoRetryOn(ILogger logger, string executable, int maxPerHour);

    [LoggerMessage(EventId = 2511, Level = LogLevel.Warning, Message = "Automatic retry of blocked task results unavailable: {Reason}; alerts show the command to run instead")]
    public static partial void AutoRetryUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 2512, Level = LogLevel.Information, Message = "Retrying blocked task result {TaskId}: login {ProfileId} of agent {Agent} is live again; running openclaw tasks retry")]
    public static partial void RetryAttempt(ILogger logger, string taskId, string profileId, string? agent);

    [LoggerMessage(EventId = 2513, Level = LogLevel.Warning, Message = "Retry of task result {TaskId}: {Outcome} ({Detail})")]
    public static partial void RetryFailed(ILogger logger, string taskId, string outcome, string? detail);

    [LoggerMessage(EventId = 2514, Level = LogLevel.Information, Message = "Retry of task result {TaskId}: ok, OpenClaw started a new delivery window")]
    public static partial void RetryOk(ILogger logger, string taskId);

    [LoggerMessage(EventId = 2515, Level = LogLevel.Warning, Message = "Automatic retry of task result {TaskId} held back: {MaxPerHour} retries in the last hour (Tasks:AutoRetryMaxPerHour)")]
    public static partial void RetryCapped(ILogger logger, string taskId, int maxPerHour);
}
