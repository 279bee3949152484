using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CredWatch.Exporter.Tests.Web.Security;

/// <summary>A throwaway CA, server and client certificates generated at test time and written as PEM files.</summary>
public sealed class TestPki : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private readonly ECDsa _caKey;

    public TestPki(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=CredWatch Test CA", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Ca = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        CaFile = Path.Combine(directory, "ca.pem");
        File.WriteAllText(CaFile, Ca.ExportCertificatePem());
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public string CaFile { get; }

    /// <summary>Issues a server certificate for 127.0.0.1/localhost and writes it to <paramref name="certFile"/>/<paramref name="keyFile"/>.</summary>
    public X509Certificate2 WriteServerCertificate(string certFile, string keyFile, string commonName = "credwatch-test-server") =>
        Issue(commonName, ServerAuth, certFile, keyFile);

    public X509Certificate2 WriteClientCertificate(string certFile, string keyFile, string commonName = "credwatch-test-client") =>
        Issue(commonName, ClientAuth, certFile, keyFile);

    public void Dispose()
    {
        _caKey.Dispose();
        Ca.Dispose();
    }

    private X509Certificate2 Issue(string commonName, Oid usage, string certFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(Ca, now.AddHours(-1), now.AddDays(7), RandomNumberGenerator.GetBytes(16));
        var withKey = issued.CopyWithPrivateKey(key);
        File.WriteAllText(certFile, withKey.ExportCertificatePem() + "\n");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem() + "\n");
        return withKey;
    }
}
