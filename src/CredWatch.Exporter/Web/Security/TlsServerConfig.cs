using System.Net.Security;
using System.Security.Authentication;

namespace CredWatch.Exporter.Web.Security;

/// <summary>The parsed <c>tls_server_config</c> block; paths are already absolute.</summary>
internal sealed record TlsServerConfig(
    string CertFile,
    string KeyFile,
    ClientAuthType ClientAuthType,
    string? ClientCaFile,
    SslProtocols MinVersion,
    SslProtocols MaxVersion,
    IReadOnlyList<TlsCipherSuite>? CipherSuites)
{
    /// <summary>Every protocol between min and max inclusive (only TLS 1.2 and 1.3 exist here).</summary>
    public SslProtocols EnabledProtocols
    {
        get
        {
            var result = SslProtocols.None;
            if (MinVersion <= SslProtocols.Tls12 && MaxVersion >= SslProtocols.Tls12)
            {
                result |= SslProtocols.Tls12;
            }

            if (MaxVersion >= SslProtocols.Tls13)
            {
                result |= SslProtocols.Tls13;
            }

            return result;
        }
    }
}
