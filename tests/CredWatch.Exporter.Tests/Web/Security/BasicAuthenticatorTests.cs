using CredWatch.Exporter.Web.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Web.Security;

public sealed class BasicAuthenticatorTests : IDisposable
{
    private static readonly string AliceHash = HashPasswordCommand.HashPassword("correct horse", 4);
    private static readonly string OtherHash = HashPasswordCommand.HashPassword("battery staple", 4);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));
    private readonly BasicAuthenticator _authenticator;

    public BasicAuthenticatorTests()
    {
        _authenticator = new BasicAuthenticator(_time, Options.Create(new WebSecurityOptions { AuthCacheDuration = TimeSpan.FromMinutes(1) }));
    }

    public void Dispose() => _authenticator.Dispose();

    private static ActiveWebConfig Active(string hash, long generation) =>
        new(WebConfig.Empty with { Users = new Dictionary<string, string> { ["alice"] = hash } }, null, generation, "/x");

    private static string Header(string user, string password) => SecureTestHost.Basic(user, password).ToString();

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("", "missing")]
    [InlineData("Bearer abc", "malformed")]
    [InlineData("Basic !!!notbase64", "malformed")]
    [InlineData("Basic bm9jb2xvbg==", "malformed")] // "nocolon"
    [InlineData("Basic //79", "malformed")] // invalid UTF-8
    public async Task Unusable_headers_fail_with_a_bounded_reason(string? header, string reason)
    {
        var result = await _authenticator.AuthenticateAsync(header, Active(AliceHash, 1), CancellationToken.None);

        result.Success.Should().BeFalse();
        result.Reason.Should().Be(reason);
    }

    [Fact]
    public async Task Right_password_passes_and_wrong_password_or_unknown_user_fail_alike()
    {
        var active = Active(AliceHash, 1);

        (await _authenticator.AuthenticateAsync(Header("alice", "correct horse"), active, default)).Should().Be(AuthResult.Ok);
        (await _authenticator.AuthenticateAsync(Header("alice", "wrong"), active, default)).Should().Be(AuthResult.InvalidCredentials);
        (await _authenticator.AuthenticateAsync(Header("mallory", "correct horse"), active, default)).Should().Be(AuthResult.InvalidCredentials);
        (await _authenticator.AuthenticateAsync(Header("alice", "correct horse:extra"), active, default)).Should().Be(AuthResult.InvalidCredentials);
    }

    [Theory]
    [InlineData('a')]
    [InlineData('b')]
    [InlineData('y')]
    public async Task Hashes_from_htpasswd_go_and_bcrypt_net_variants_all_verify(char revision)
    {
        var hash = BCrypt.Net.BCrypt.HashPassword("pw-variant", BCrypt.Net.BCrypt.GenerateSalt(4, revision));
        WebConfigParser.LooksLikeBcrypt(hash).Should().BeTrue();

        (await _authenticator.AuthenticateAsync(Header("alice", "pw-variant"), Active(hash, 1), default)).Should().Be(AuthResult.Ok);
        (await _authenticator.AuthenticateAsync(Header("alice", "pw-variant!"), Active(hash, 2), default)).Should().Be(AuthResult.InvalidCredentials);
    }

    [Fact]
    public async Task A_verified_header_is_reused_until_the_cache_expires_or_the_config_changes()
    {
        var header = Header("alice", "correct horse");
        (await _authenticator.AuthenticateAsync(header, Active(AliceHash, 1), default)).Success.Should().BeTrue();

        // Same generation but a hash the password does not match: only a cache hit can pass now.
        var sameGenerationOtherHash = Active(OtherHash, 1);
        (await _authenticator.AuthenticateAsync(header, sameGenerationOtherHash, default)).Success.Should().BeTrue("the earlier bcrypt result is cached");

        (await _authenticator.AuthenticateAsync(header, Active(OtherHash, 2), default)).Success.Should().BeFalse("a reload invalidates cached results");

        (await _authenticator.AuthenticateAsync(header, Active(AliceHash, 3), default)).Success.Should().BeTrue();
        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await _authenticator.AuthenticateAsync(header, Active(OtherHash, 3), default)).Success.Should().BeFalse("the cache entry expired");
    }

    [Fact]
    public async Task Failures_are_never_cached()
    {
        var header = Header("alice", "correct horse");
        (await _authenticator.AuthenticateAsync(header, Active(OtherHash, 1), default)).Success.Should().BeFalse();

        (await _authenticator.AuthenticateAsync(header, Active(AliceHash, 1), default)).Success.Should().BeTrue();
        _authenticator.CachedEntries.Should().Be(1);
    }
}
