using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Stores;

/// <summary>Store logging (event ids 1000–1099). Messages carry paths, reasons and masked ids only.</summary>
internal static partial class Log
{
    // Every periodic rescan logs this: Debug, so a quiet host writes nothing to the journal every 30 s.
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Scan: {Up} of {Total} stores read; {Profiles} OAuth credentials compared")]
    public static partial void ScanCompleted(ILogger logger, int up, int total, int profiles);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Store {Store} unreadable: {Reason}: {Detail}")]
    public static partial void StoreError(ILogger logger, StoreId store, string reason, string detail);

    /// <summary>Information normally; Debug when the scan's changes are summarised (<see cref="StoresChangedSummary"/>).</summary>
    [LoggerMessage(EventId = 1002, Message = "Store {Store} changed ({Layout})")]
    public static partial void StoreChanged(ILogger logger, LogLevel level, StoreId store, StoreLayout layout);

    /// <summary>Warning normally; Debug when the scan's credentials are summarised (<see cref="CredentialStatesSummary"/>).</summary>
    [LoggerMessage(EventId = 1003, Message = "Credential {Store} {Profile} is {State}: {Detail}")]
    public static partial void CredentialState(ILogger logger, LogLevel level, StoreId store, string profile, string state, string detail);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "{Count} stores changed in this scan ({Layouts}); one line each at Debug")]
    public static partial void StoresChangedSummary(ILogger logger, int count, string layouts);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "{Count} credentials in {Stores} stores need attention ({States}); one line each at Debug, all of them in /api/status and `credwatch check`")]
    public static partial void CredentialStatesSummary(ILogger logger, int count, int stores, string states);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Cannot watch {Directory}: {Message}; relying on the periodic rescan")]
    public static partial void WatchFailed(ILogger logger, string directory, string message);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Could not persist the fingerprint history: {Message}")]
    public static partial void HistorySaveFailed(ILogger logger, string message);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "Scan failed unexpectedly; will retry")]
    public static partial void ScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "File watcher overflowed or failed; running a full rescan")]
    public static partial void WatcherError(ILogger logger);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Debug, Message = "Watching {Count} directories")]
    public static partial void Watching(ILogger logger, int count);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Store {Store} not present: {Detail}")]
    public static partial void StoreMissing(ILogger logger, StoreId store, string detail);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Debug, Message = "File event {Kind} {Path}")]
    public static partial void FileEvent(ILogger logger, WatcherChangeTypes kind, string path);
}
