using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// Puts Kestrel on <c>Web:ListenAddress</c>, with TLS when the web config has <c>tls_server_config</c>.
/// TLS options are produced per handshake so certificate rotation needs no restart.
/// </summary>
internal sealed class KestrelWebSecuritySetup(
    WebConfigStore store,
    TlsConnectionOptionsFactory tlsOptions,
    IOptions<WebSecurityOptions> options,
    ILogger<KestrelWebSecuritySetup> logger) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var address = options.Value.ListenAddress;
        if (!ListenEndpoint.TryParse(address, out var endpoint))
        {
            throw new OptionsValidationException(nameof(WebSecurityOptions), typeof(WebSecurityOptions), [$"CredWatch:Web:ListenAddress '{address}' is invalid"]);
        }

        var tls = store.Current.Tls is not null;
        void Listen(ListenOptions listen)
        {
            if (!tls)
            {
                // HTTP/2 needs ALPN, so a plaintext listener offering it would only log a warning.
                listen.Protocols = HttpProtocols.Http1;
                return;
            }

            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => ValueTask.FromResult(tlsOptions.Create()),
                HandshakeTimeout = TimeSpan.FromSeconds(10),
            });
        }

        if (endpoint!.IsAnyAddress)
        {
            kestrel.ListenAnyIP(endpoint.Port, Listen);
        }
        else if (endpoint.IsLocalhostName)
        {
            kestrel.ListenLocalhost(endpoint.Port, Listen);
        }
        else
        {
            kestrel.Listen(endpoint.Address!, endpoint.Port, Listen);
        }

        WebSecurityLog.Listening(logger, endpoint, tls ? "https" : "http");
    }
}
