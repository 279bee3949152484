using Microsoft.Extensions.Logging;

namespace CredWatch.State;

internal static partial class StateLog
{
    [LoggerMessage(6000, LogLevel.Warning, "State file {Path} is unusable ({Reason}); set aside as {Aside}, starting afresh")]
    public static partial void SetAside(ILogger logger, string path, string reason, string aside);

    [LoggerMessage(6001, LogLevel.Error, "State file {Path} cannot be read ({Reason}); it is kept and will not be overwritten: fix its permissions or move it away")]
    public static partial void Unreadable(ILogger logger, string path, string reason);

    [LoggerMessage(6002, LogLevel.Error, "Cannot save state file {Path} ({Reason}: {Detail}); keeping the state in memory and retrying at the next change")]
    public static partial void WriteFailed(ILogger logger, string path, string reason, string detail);

    [LoggerMessage(6003, LogLevel.Information, "State file {Path} saved again")]
    public static partial void WrittenAgain(ILogger logger, string path);

}
