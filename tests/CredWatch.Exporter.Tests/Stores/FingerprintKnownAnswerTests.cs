using System.Text;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Tests.Stores;

/// <summary>
/// Pins the fingerprint: HMAC-SHA256 over the token's UTF-8 bytes, keyed with the bytes hex-encoded in
/// <c>fingerprint.key</c>, lower-case hex. Every stored history (seen fingerprints, stale-copy evidence) depends on
/// it; a change here would silently make every stored fingerprint unrecognisable. Expected values computed
/// independently (Python's hmac module).
/// </summary>
public sealed class FingerprintKnownAnswerTests : IDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "cw-kat-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    private Fingerprinter Load(string keyHex)
    {
        Directory.CreateDirectory(_stateDir);
        File.WriteAllText(Path.Combine(_stateDir, Fingerprinter.KeyFileName), keyHex + "\n");
        return Fingerprinter.LoadOrCreate(_stateDir);
    }

    [Fact]
    public void Token_fingerprints_are_the_hmac_sha256_of_the_utf8_token_under_the_key_file()
    {
        var fp = Load("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

        fp.Of("sk-ant-oat01-known-answer-token").Hex.Should().Be("7743952fefc471bfe909969d5c580c5095c127294c97152fcc8eaa4b3408e9c0");
        fp.Of("jeton-é-ü").Hex.Should().Be("723c984b016f4645450acc277e59bdfd1dacdb0a7e06684897ff2c4b575f4197");
        fp.AccountId("  Someone@Example.COM ").Should().Be("acct-7d04a017", "trimmed, lower-cased, prefixed acct:");
    }

    [Fact]
    public void Content_fingerprints_use_the_same_mac()
    {
        var fp = Load(string.Concat(Enumerable.Repeat("4a", 32)));

        fp.OfBytes(Encoding.ASCII.GetBytes("content")).Should().Be("527537f00f0352f728136d34cac30ddd10dd90805ca15d0ae7f40513c2a74d6a");
    }
}
