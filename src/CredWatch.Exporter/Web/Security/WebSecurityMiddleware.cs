using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// Applies <c>http_server_config.headers</c> to every response and, when <c>basic_auth_users</c> is set,
/// requires basic auth on every path except the configured open ones (default /healthz, /readyz).
/// </summary>
internal sealed class WebSecurityMiddleware(
    RequestDelegate next,
    WebConfigStore store,
    BasicAuthenticator authenticator,
    WebSecurityMetrics metrics,
    TimeProvider time,
    IOptions<WebSecurityOptions> options,
    ILogger<WebSecurityMiddleware> logger)
{
    private const string Challenge = "Basic realm=\"CredWatch\", charset=\"UTF-8\"";

    private readonly HashSet<string> _openPaths = new(options.Value.UnauthenticatedPaths, StringComparer.Ordinal);
    private readonly TimeSpan _failureDelay = options.Value.AuthFailureDelay;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var active = store.Current;
        foreach (var (name, value) in active.Config.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (!active.Config.HasAuth || _openPaths.Contains(context.Request.Path.Value ?? "/"))
        {
            await next(context);
            return;
        }

        var result = await authenticator.AuthenticateAsync(context.Request.Headers.Authorization.ToString(), active, context.RequestAborted);
        if (result.Success)
        {
            await next(context);
            return;
        }

        metrics.AuthFailure(result.Reason);
        WebSecurityLog.AuthFailed(logger, context.Request.Path, context.Connection.RemoteIpAddress, result.Reason);

        // A client that sent no credentials is usually a browser or scraper probing for the challenge;
        // only attempts that carried credentials are slowed down.
        if (result != AuthResult.Missing && _failureDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(_failureDelay, time, context.RequestAborted);
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
