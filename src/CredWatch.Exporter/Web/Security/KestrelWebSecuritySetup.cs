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
        // Kestrel reads its options while WebApplicationBuilder.Build() runs, before ValidateOnStart.
        // With bad options or a bad web config, configure nothing here: the start-time validation
        // then refuses the start with the full reason, before Kestrel binds anything.
        ListenEndpoint? endpoint;
        bool tls;
        try
        {
            if (!ListenEndpoint.TryParse(options.Value.ListenAddress, out endpoint))
            {
                return;
            }

            tls = store.Current.Tls is not null;
        }
        catch (Exception ex) when (ex is OptionsValidationException or WebConfigException)
        {
            return;
        }

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
