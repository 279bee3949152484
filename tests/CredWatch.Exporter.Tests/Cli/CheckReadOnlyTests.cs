using System.Globalization;
using System.Text.Json;
using CredWatch.Exporter.Tests.Support;

namespace CredWatch.Exporter.Tests.Cli;

/// <summary><c>credwatch check</c> looks and writes nothing; <c>--json</c> gives scripts fields, not prose.</summary>
public sealed class CheckReadOnlyTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Check_creates_no_state_dir_and_no_key()
    {
        Directory.Exists(_home.StateDir).Should().BeFalse();
        var (code, _, stderr) = await CredWatchProcess.RunAsync(["check", "--home", _home.Home, "--state-dir", _home.StateDir]);
        code.Should().Be(2, stderr);
        Directory.Exists(_home.StateDir).Should().BeFalse("check must not create fingerprint.key or seen-fingerprints.json");
    }

    [Fact]
    public async Task Check_leaves_the_daemons_state_untouched()
    {
        await using (var daemon = await CredWatchProcess.StartDaemonAsync(_home.Home, _home.StateDir))
        {
            // The daemon's own files: its key and the fingerprints it has seen.
            File.Exists(Path.Combine(_home.StateDir, "fingerprint.key")).Should().BeTrue(daemon.Output);
        }

        var before = Snapshot(_home.StateDir);

        // A changed source login: a writing check would record its new fingerprint.
        _home.Write(".claude/.credentials.json",
            $$"""{"claudeAiOauth":{"accessToken":"{{Tokens.NewAccess}}","refreshToken":"{{Tokens.NewRefresh}}","expiresAt":4102444800000} }""");
        var (code, _, stderr) = await CredWatchProcess.RunAsync(["check", "--home", _home.Home, "--state-dir", _home.StateDir]);
        code.Should().BeOneOf([1, 2], stderr);
        Snapshot(_home.StateDir).Should().BeEquivalentTo(before, "check reads the daemon's state and writes none of it");
    }

    [Fact]
    public async Task Json_carries_each_credentials_fields_and_fix_command()
    {
        var (code, stdout, stderr) = await CredWatchProcess.RunAsync(["check", "--home", _home.Home, "--state-dir", _home.StateDir, "--json"]);
        code.Should().Be(2, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var lines = doc.RootElement.GetProperty("lines").EnumerateArray().ToList();
        var stale = lines.Single(l => l.GetProperty("component").GetString() == "token" && l.GetProperty("agent").GetString() == "hr-bp");
        stale.GetProperty("severity").GetString().Should().Be("critical");
        stale.GetProperty("store").GetString().Should().Be("openclaw");
        stale.GetProperty("profile").GetString().Should().Be("anthropic:claude-cli");
        stale.GetProperty("provider").GetString().Should().Be("anthropic");
        stale.GetProperty("state").GetString().Should().Be("stale");
        stale.GetProperty("fix").GetString().Should().Be("credwatch sync --agent hr-bp");
        stale.GetProperty("message").GetString().Should().Contain("stale");
        var expiresAt = DateTimeOffset.Parse(stale.GetProperty("expiresAt").GetString()!, CultureInfo.InvariantCulture);
        stale.GetProperty("expiryOf").GetString().Should().BeOneOf("login", "access_token");
        var left = stale.GetProperty("expiresInSeconds").GetInt64();
        (expiresAt - DateTimeOffset.UtcNow).TotalSeconds.Should().BeApproximately(left, 120, "seconds left counts to the ISO expiry");

        var main = lines.Single(l => l.GetProperty("component").GetString() == "token" && l.GetProperty("agent").GetString() == "main");
        main.GetProperty("severity").GetString().Should().Be("ok");
        main.GetProperty("fix").ValueKind.Should().Be(JsonValueKind.Null, "nothing to fix");
    }

    private static Dictionary<string, (string Hash, DateTime Written)> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(dir, f),
            f => (Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))), File.GetLastWriteTimeUtc(f)));
}
