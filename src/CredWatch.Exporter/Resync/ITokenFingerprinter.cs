namespace CredWatch.Exporter.Resync;

/// <summary>Core's keyed fingerprint (HMAC-SHA256 with the per-install key). Resync only compares them.</summary>
internal interface ITokenFingerprinter
{
    string Fingerprint(string token);
}
