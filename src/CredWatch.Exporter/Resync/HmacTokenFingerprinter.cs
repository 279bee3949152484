using System.Security.Cryptography;
using System.Text;

namespace CredWatch.Exporter.Resync;

/// <summary>HMAC-SHA256 fingerprint with a caller-supplied key (the harness and tests; core brings its own).</summary>
internal sealed class HmacTokenFingerprinter(byte[] key) : ITokenFingerprinter
{
    private readonly byte[] _key = (byte[])key.Clone();

    public string Fingerprint(string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(token)));
}
