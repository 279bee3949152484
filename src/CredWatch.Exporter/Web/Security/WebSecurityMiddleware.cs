using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// Applies <c>http_server_config.headers</c> to every response and, when <c>basic_auth_users</c> is set,
/// requires basic auth on every path except the configured open ones (default /healthz, /readyz).
/// </summary>
internal sealed class WebSecurityMiddleware
{
    private const string Challenge = "Basic realm=\"CredWatch\", charset=\"UTF-8\"";

    private readonly RequestDelegate _next;
    private readonly WebConfigStore _store;
    private readonly BasicAuthenticator _authenticator;
    private readonly WebSecurityMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<WebSecurityMiddleware> _logger;
    private readonly HashSet<string> _openPaths;
    private readonly TimeSpan _failureDelay;

    public WebSecurityMiddleware(
        RequestDelegate next,
        WebConfigStore store,
        BasicAuthenticator authenticator,
        WebSecurityMetrics metrics,
        TimeProvider time,
        IOptions<WebSecurityOptions> options,
        ILogger<WebSecurityMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this._next = next;
        this._store = store;
        this._authenticator = authenticator;
        this._metrics = metrics;
        this._time = time;
        this._logger = logger;
        _openPaths = new HashSet<string>(options.Value.UnauthenticatedPaths, StringComparer.Ordinal);
        _failureDelay = options.Value.AuthFailureDelay;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var active = _store.Current;
        foreach (var (name, value) in active.Config.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (!active.Config.HasAuth || _openPaths.Contains(context.Request.Path.Value ?? "/"))
        {
            await _next(context);
            return;
        }

        var result = await _authenticator.AuthenticateAsync(context.Request.Headers.Authorization.ToString(), active, context.RequestAborted);
        if (result.Success)
        {
            await _next(context);
            return;
        }

        _metrics.AuthFailure(result.Reason);
        WebSecurityLog.AuthFailed(_logger, context.Request.Path, context.Connection.RemoteIpAddress, result.Reason);

        // A client that sent no credentials is usually a browser or scraper probing for the challenge;
        // only attempts that carried credentials are slowed down.
        if (result != AuthResult.Missing && _failureDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(_failureDelay, _time, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers[HeaderNames.WWWAuthenticate] = Challenge;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("Unauthorized\n", context.RequestAborted);
    }
}
