using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// Builds the SslStream options for each new TLS connection from the config in force, so a rotated
/// certificate or changed client_auth_type takes effect on the next handshake without a restart.
/// </summary>
internal sealed class TlsConnectionOptionsFactory(WebConfigStore store, WebSecurityMetrics metrics, ILogger<TlsConnectionOptionsFactory> logger)
{
    private static readonly List<SslApplicationProtocol> Http2AndHttp11 = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];
    private static readonly List<SslApplicationProtocol> Http11Only = [SslApplicationProtocol.Http11];

    public SslServerAuthenticationOptions Create()
    {
        var active = store.Current;
        var tls = active.Tls ?? throw new InvalidOperationException("TLS listener without TLS material");
        var mode = tls.Config.ClientAuthType;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = tls.ServerContext,
            ClientCertificateRequired = mode != ClientAuthType.NoClientCert,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            EnabledSslProtocols = tls.Config.EnabledProtocols,
            CipherSuitesPolicy = tls.CipherSuitesPolicy,
            ApplicationProtocols = active.Config.Http2 ? Http2AndHttp11 : Http11Only,
            RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            {
                if (tls.AcceptClientCertificate(certificate, chain))
                {
                    return true;
                }

                metrics.AuthFailure("client_cert");
                WebSecurityLog.ClientCertificateRefused(logger, mode);
                return false;
            },
        };
    }
}
