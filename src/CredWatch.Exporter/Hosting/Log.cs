using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Hosting;

/// <summary>Hosting logging (event ids 1100–1199; component wiring 1150–1169; push mode 1900–1919 of the core range).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "State dir {StateDir} unusable ({Message}); using an in-memory fingerprint key (no fingerprint history across runs)")]
    public static partial void EphemeralKey(ILogger logger, string stateDir, string message);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Warning, Message = "Cannot save the fingerprint key in {StateDir} ({Message}); using an in-memory fingerprint key until the state dir takes writes again")]
    public static partial void KeyNotSaved(ILogger logger, string stateDir, string message);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "CredWatch {Version} (revision {Revision}) listening on {Url} (/metrics, /api/status, status page at /); state dir {StateDir}")]
    public static partial void Started(ILogger logger, string version, string revision, string url, string stateDir);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Information, Message = "CredWatch shutting down")]
    public static partial void ShuttingDown(ILogger logger);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Found {Store}: {Layout}, {Profiles} credential(s) at {Path}")]
    public static partial void Found(ILogger logger, Stores.StoreId store, Stores.StoreLayout layout, int profiles, string path);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Not usable {Store}: {Reason}: {Detail}")]
    public static partial void NotUsable(ILogger logger, Stores.StoreId store, string reason, string detail);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Information, Message = "Not found {Store}: {Detail}")]
    public static partial void NotFound(ILogger logger, Stores.StoreId store, string detail);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Discovery: {Note}")]
    public static partial void DiscoveryNote(ILogger logger, string note);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "{Store} {Profile} ({Provider}): {State} — {Detail}")]
    public static partial void CredentialSummary(ILogger logger, Stores.StoreId store, string profile, string provider, string state, string detail);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "No credential store found under the home {Home}: nothing to watch yet (CredWatch keeps watching and will pick stores up when they appear)")]
    public static partial void NothingFound(ILogger logger, string home);

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

    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Pushing metrics to {Endpoint} as job={Job} instance={Instance} every {Interval}")]
    public static partial void PushStarted(ILogger logger, string endpoint, string job, string instance, TimeSpan interval);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Push to the Pushgateway failed: {Reason}")]
    public static partial void PushFailed(ILogger logger, string reason);
}
