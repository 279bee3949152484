using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CredWatch.Exporter.Web.Security;

/// <summary>Certificates loaded from the files a <see cref="TlsServerConfig"/> names, ready for SslStream.</summary>
internal sealed class WebTlsMaterial
{
    private static readonly Oid ClientAuthOid = new("1.3.6.1.5.5.7.3.2");

    private WebTlsMaterial(TlsServerConfig config, X509Certificate2 leaf, SslStreamCertificateContext context, X509Certificate2Collection? clientCas)
    {
        Config = config;
        ServerCertificate = leaf;
        ServerContext = context;
        ClientCas = clientCas;
        if (config.CipherSuites is not null && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()))
        {
            CipherSuitesPolicy = new CipherSuitesPolicy(config.CipherSuites);
        }
    }

    public TlsServerConfig Config { get; }

    public X509Certificate2 ServerCertificate { get; }

    public SslStreamCertificateContext ServerContext { get; }

    public X509Certificate2Collection? ClientCas { get; }

    public CipherSuitesPolicy? CipherSuitesPolicy { get; }

    public static WebTlsMaterial Load(TlsServerConfig config)
    {
        if (config.CipherSuites is not null && !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()))
        {
            throw new WebConfigException("tls_server_config.cipher_suites", "cannot be set on this operating system (.NET supports a cipher suite policy on Linux and macOS only)");
        }

        X509Certificate2 leaf;
        var intermediates = new X509Certificate2Collection();
        try
        {
            leaf = X509Certificate2.CreateFromPemFile(config.CertFile, config.KeyFile);
            var all = new X509Certificate2Collection();
            all.ImportFromPemFile(config.CertFile);
            for (var i = 1; i < all.Count; i++)
            {
                intermediates.Add(all[i]);
            }
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Exception messages from the PEM loader describe the failure, never key bytes.
            throw new WebConfigException("tls_server_config.cert_file", $"cannot load certificate '{config.CertFile}' with key '{config.KeyFile}': {ex.Message}");
        }

        if (!leaf.HasPrivateKey)
        {
            throw new WebConfigException("tls_server_config.key_file", "does not hold the private key of cert_file");
        }

        X509Certificate2Collection? cas = null;
        if (config.ClientCaFile is not null)
        {
            cas = [];
            try
            {
                cas.ImportFromPemFile(config.ClientCaFile);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new WebConfigException("tls_server_config.client_ca_file", $"cannot load '{config.ClientCaFile}': {ex.Message}");
            }

            if (cas.Count == 0)
            {
                throw new WebConfigException("tls_server_config.client_ca_file", $"'{config.ClientCaFile}' holds no PEM certificate");
            }
        }

        var context = SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        return new WebTlsMaterial(config, leaf, context, cas);
    }

    /// <summary>Applies the exporter-toolkit client_auth_type semantics to a presented (or absent) client certificate.</summary>
    public bool AcceptClientCertificate(X509Certificate? presented, X509Chain? presentedChain)
    {
        switch (Config.ClientAuthType)
        {
            case ClientAuthType.NoClientCert:
            case ClientAuthType.RequestClientCert:
                return true;
            case ClientAuthType.RequireAnyClientCert:
                return presented is not null;
            case ClientAuthType.VerifyClientCertIfGiven:
                return presented is null || Verify(presented, presentedChain);
            case ClientAuthType.RequireAndVerifyClientCert:
                return presented is not null && Verify(presented, presentedChain);
            default:
                return false;
        }
    }

    private bool Verify(X509Certificate presented, X509Chain? presentedChain)
    {
        if (ClientCas is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(ClientCas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthOid);
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var certificate = presented as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(certificate);
    }
}
