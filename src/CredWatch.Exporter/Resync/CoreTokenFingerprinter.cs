using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Resync;

/// <summary>Resync's fingerprints are the core's keyed ones, so a copy's fingerprint from a snapshot is comparable under the lock.</summary>
internal sealed class CoreTokenFingerprinter(Fingerprinter fingerprinter) : ITokenFingerprinter
{
    public string Fingerprint(string token) => fingerprinter.Of(token).Hex;
}
