namespace CredWatch.Exporter.Stores;

/// <summary>
/// Keyed fingerprint (HMAC-SHA256 with the per-install key) of one token. Comparable for equality,
/// never printable: <see cref="ToString"/> is redacted so it cannot leak into logs or HTTP by accident.
/// Only <see cref="FingerprintHistory"/> persists <see cref="Hex"/> (in CredWatch's own 0600 state dir).
/// </summary>
internal readonly record struct Fingerprint(string Hex)
{
    /// <summary>Redacted.</summary>
    public override string ToString() => "fingerprint(redacted)";
}
