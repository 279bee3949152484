using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Web.Security;

/// <summary>Log events of the web security component (ids 3000–3099). Never passwords, hashes or headers.</summary>
internal static partial class WebSecurityLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Web config {Path} loaded: tls={Tls}, client_auth={ClientAuth}, basic auth users={UserCount}, headers={HeaderCount}")]
    public static partial void ConfigLoaded(ILogger logger, string path, bool tls, ClientAuthType? clientAuth, int userCount, int headerCount);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Web config {Path} reloaded (generation {Generation}): tls={Tls}, basic auth users={UserCount}")]
    public static partial void ConfigReloaded(ILogger logger, string path, long generation, bool tls, int userCount);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Web config {Path} reload refused, keeping the last good config: {Reason}")]
    public static partial void ConfigReloadFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Listening on non-loopback address {Address} without a web config (no TLS, no basic auth): credential metrics are readable by anyone who can reach it. Set --web.config.file or bind to 127.0.0.1")]
    public static partial void InsecureExposure(ILogger logger, string address);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "HTTP authentication failed for {Path} from {Remote}: {Reason}")]
    public static partial void AuthFailed(ILogger logger, Microsoft.AspNetCore.Http.PathString path, System.Net.IPAddress? remote, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Debug, Message = "TLS client certificate refused ({Mode})")]
    public static partial void ClientCertificateRefused(ILogger logger, ClientAuthType mode);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Web endpoint configured on {Address} ({Scheme})")]
    public static partial void Listening(ILogger logger, ListenEndpoint address, string scheme);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Watching {Directory} for web config changes failed; falling back to polling every {Interval}")]
    public static partial void WatcherFailed(ILogger logger, string directory, TimeSpan interval, Exception exception);
}
