using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Comparison;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ComparisonTests : IDisposable
{
    private const long Future = 4102444800000;
    private const long Later = 4102448400000;
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private static ComparisonResult Of(RegistryState s, string agent, string profile = "anthropic:claude-cli") =>
        s.Comparisons.Single(c => c.Store == new StoreId(StoreLabels.OpenClaw, agent) && c.ProfileId == profile);

    [Fact]
    public async Task Fixture_home_main_is_in_sync_and_hr_bp_is_stale_with_proof()
    {
        var s = await _home.ScanAsync();
        var main = Of(s, "main");
        main.State.Should().Be(TokenStates.InSync);
        main.FingerprintMismatch.Should().BeFalse();
        main.Proof.Kind.Should().Be(ProofKind.SameRefreshToken);
        var hr = Of(s, "hr-bp");
        hr.State.Should().Be(TokenStates.Stale);
        hr.FingerprintMismatch.Should().BeTrue();
        hr.Proof.Kind.Should().Be(ProofKind.ClaudeCliProfile);
        hr.Source.Should().Be(new StoreId(StoreLabels.ClaudeCli, null));
        s.Comparisons.Single(c => c.Store.Store == StoreLabels.ClaudeCli).State.Should().Be(TokenStates.InSync);
    }

    [Fact]
    public async Task History_proves_stale_even_without_same_login_evidence()
    {
        var history = FingerprintHistory.InMemory();
        _home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.Access("g1"), Tokens.Refresh("g1"), Future));
        await _home.ScanAsync(history: history);
        // Source rotates; an unrelated-looking copy still holds the old token with a LATER expiry: history wins.
        _home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.Access("g2"), Tokens.Refresh("g2"), Future));
        _home.Write(".openclaw/agents/x/agent/auth-profiles.json", Tokens.OAuthProfile("anthropic:work", "anthropic", Tokens.Access("g1"), Tokens.Refresh("g1"), Later));
        var s = await _home.ScanAsync(history: history);
        var r = Of(s, "x", "anthropic:work");
        r.State.Should().Be(TokenStates.Stale);
        r.Proof.Kind.Should().Be(ProofKind.RefreshTokenHistory);
        r.Proof.Conclusive.Should().BeTrue();
    }

    [Fact]
    public async Task History_proves_ahead_when_the_source_holds_a_token_the_copy_once_held()
    {
        var history = FingerprintHistory.InMemory();
        _home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.Access("h1"), Tokens.Refresh("h1"), Future));
        _home.Write(".openclaw/agents/y/agent/auth-profiles.json", Tokens.OAuthProfile("anthropic:work", "anthropic", Tokens.Access("h1"), Tokens.Refresh("h1"), Future));
        (await _home.ScanAsync(history: history)).Comparisons.Should().Contain(c => c.ProfileId == "anthropic:work" && c.State == TokenStates.InSync);
        _home.Write(".openclaw/agents/y/agent/auth-profiles.json", Tokens.OAuthProfile("anthropic:work", "anthropic", Tokens.Access("h2"), Tokens.Refresh("h2"), 1000));
        var r = Of(await _home.ScanAsync(history: history), "y", "anthropic:work");
        r.State.Should().Be(TokenStates.Ahead);
        r.Proof.Kind.Should().Be(ProofKind.RefreshTokenHistory);
    }

    [Fact]
    public async Task Same_email_with_newer_expiry_is_ahead_and_unmatched_login_is_unrelated()
    {
        _home.Write(".claude.json", """{"oauthAccount":{"emailAddress":"ops@example.com","accountUuid":"u-1"}}""");
        _home.Write(".openclaw/agents/e/agent/auth-profiles.json",
            $$"""{"version":1,"profiles":{"anthropic:ops@example.com":{"type":"oauth","provider":"anthropic","access":"{{Tokens.Access("e")}}","refresh":"{{Tokens.Refresh("e")}}","expires":{{Later + 86_400_000}},"email":"ops@example.com"},"anthropic:other":{"type":"oauth","provider":"anthropic","access":"{{Tokens.Access("o")}}","refresh":"{{Tokens.Refresh("o")}}","expires":{{Future}} } } }""");
        var s = await _home.ScanAsync();
        var byEmail = Of(s, "e", "anthropic:ops@example.com");
        byEmail.State.Should().Be(TokenStates.Ahead);
        byEmail.Proof.Kind.Should().Be(ProofKind.Email);
        byEmail.DisplayId.Should().MatchRegex("^anthropic:acct-[0-9a-f]{8}$");
        byEmail.DisplayId.Should().NotContain("example.com");
        var other = Of(s, "e", "anthropic:other");
        other.State.Should().Be(TokenStates.Unrelated);
        other.Proof.Kind.Should().Be(ProofKind.None);
    }

    [Fact]
    public async Task Expired_unrelated_login_is_expired_and_blanked_copy_is_blanked()
    {
        _home.Write(".openclaw/agents/z/agent/auth-profiles.json",
            $$"""{"version":1,"profiles":{"anthropic:old":{"type":"oauth","provider":"anthropic","access":"{{Tokens.Access("z")}}","refresh":"","expires":1000},"google:x":{"type":"oauth","provider":"google","access":"{{Tokens.Access("q")}}","expires":2000} } }""");
        var s = await _home.ScanAsync();
        Of(s, "z", "anthropic:old").State.Should().Be(TokenStates.Blanked);
        Of(s, "z", "google:x").State.Should().Be(TokenStates.Expired);
    }

    [Fact]
    public async Task Blanked_claude_source_is_blanked()
    {
        _home.Write(".claude/.credentials.json", """{"claudeAiOauth":{"accessToken":"","refreshToken":"","expiresAt":0}}""");
        var s = await _home.ScanAsync();
        s.Comparisons.Single(c => c.Store.Store == StoreLabels.ClaudeCli).State.Should().Be(TokenStates.Blanked);
        Of(s, "hr-bp").FingerprintMismatch.Should().BeNull("nothing to compare against a blank source");
    }

    [Theory]
    [InlineData(false, 30, TokenStates.Refreshing)]
    [InlineData(false, 600, TokenStates.RefreshStuck)]
    [InlineData(true, 30, TokenStates.ReloginRequired)]
    public async Task Fences_follow_openclaws_rule_and_the_row_age(bool failed, int rowAgeSeconds, string expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1795000000000));
        var updated = time.GetUtcNow().AddSeconds(-rowAgeSeconds).ToUnixTimeMilliseconds();
        _home.CreateAgentDatabase("f", Tokens.OAuthProfile("anthropic:claude-cli", "claude-cli",
            Tokens.Fence(Tokens.ClaimA, "access", failed), Tokens.Fence(Tokens.ClaimA, "refresh", failed), 1), updatedAtMs: updated);
        var s = await _home.ScanAsync(time);
        var r = Of(s, "f");
        r.State.Should().Be(expected);
        r.FingerprintMismatch.Should().BeNull("a fence is never compared");
        s.Stores[new StoreId(StoreLabels.OpenClaw, "f")].Snapshot.Profiles.Single().AccessExpiresAt.Should().BeNull("expires: 1 is not an expiry");
    }

    [Theory]
    [InlineData(Tokens.ClaimA, Tokens.ClaimB, false, false, 1)]
    [InlineData(Tokens.ClaimA, Tokens.ClaimA, true, false, 1)]
    [InlineData(Tokens.ClaimA, Tokens.ClaimA, false, false, 2)]
    public async Task Half_fences_are_ordinary_credentials(string accessClaim, string refreshClaim, bool accessFailed, bool refreshFailed, long expires)
    {
        _home.Write(".openclaw/agents/h/agent/auth-profiles.json", Tokens.OAuthProfile("anthropic:x", "anthropic",
            Tokens.Fence(accessClaim, "access", accessFailed), Tokens.Fence(refreshClaim, "refresh", refreshFailed), expires));
        var s = await _home.ScanAsync();
        var p = s.Stores[new StoreId(StoreLabels.OpenClaw, "h")].Snapshot.Profiles.Single();
        p.Fence.Should().Be(FenceState.None);
        p.RefreshFingerprint.Should().BeNull("a marker is never fingerprinted, so never compared or copied");
        Of(s, "h", "anthropic:x").State.Should().Be(TokenStates.Expired);
    }

    [Fact]
    public void History_persists_atomically_and_survives_reload()
    {
        var h = FingerprintHistory.Load(_home.StateDir);
        var fp = _home.Fingerprinter.Of("t");
        h.Record("k", fp).Should().BeTrue();
        h.SaveIfDirty().Should().BeNull();
        var path = Path.Combine(_home.StateDir, FingerprintHistory.FileName);
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        FingerprintHistory.Load(_home.StateDir).Contains("k", fp).Should().BeTrue();
        Directory.GetFiles(_home.StateDir, "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public void Fingerprint_key_is_private_and_stable()
    {
        var a = Fingerprinter.LoadOrCreate(_home.StateDir);
        var b = Fingerprinter.LoadOrCreate(_home.StateDir);
        a.Of("x").Should().Be(b.Of("x"));
        File.GetUnixFileMode(Path.Combine(_home.StateDir, Fingerprinter.KeyFileName)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        a.Of("x").ToString().Should().NotContain(a.Of("x").Hex);
    }
}
