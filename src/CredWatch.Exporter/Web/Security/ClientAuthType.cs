namespace CredWatch.Exporter.Web.Security;

/// <summary>The exporter-toolkit (Go crypto/tls) client certificate policies, same spelling as the YAML.</summary>
internal enum ClientAuthType
{
    NoClientCert,
    RequestClientCert,
    RequireAnyClientCert,
    VerifyClientCertIfGiven,
    RequireAndVerifyClientCert,
}
