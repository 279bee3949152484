using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Hosting;

/// <summary>Hosting logging (event ids 1100–1199).</summary>
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
}
