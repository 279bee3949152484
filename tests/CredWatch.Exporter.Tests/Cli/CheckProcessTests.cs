using System.Diagnostics;
using System.Text.Json;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Cli;

/// <summary>Runs the real built <c>credwatch</c> as a process.</summary>
public sealed class CheckProcessTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) =>
        CredWatchProcess.RunAsync(args);

    private string[] Common(params string[] extra) => ["check", "--home", _home.Home, "--state-dir", _home.StateDir, .. extra];

    [Fact]
    public async Task Stale_copy_is_critical_exit_2_with_a_readable_table()
    {
        var (code, stdout, stderr) = await Run(Common());
        code.Should().Be(2, stderr);
        stdout.Should().StartWith("CREDWATCH CRITICAL");
        stdout.Should().MatchRegex(@"CRITICAL\s+token\s+openclaw/hr-bp anthropic:claude-cli\s+stale");
    }

    [Fact]
    public async Task All_in_sync_is_exit_0_and_json_is_machine_readable()
    {
        Directory.Delete(Path.Combine(_home.OpenClawState, "agents", "hr-bp"), recursive: true);
        var (code, stdout, stderr) = await Run(Common("--json"));
        code.Should().Be(0, stdout + stderr);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("exitCode").GetInt32().Should().Be(0);
        doc.RootElement.GetProperty("lines").EnumerateArray().Should().Contain(l => l.GetProperty("subject").GetString() == "openclaw/main anthropic:claude-cli");
    }

    [Fact]
    public async Task Healthy_minimax_and_gemini_logins_stay_quiet_name_what_each_agent_uses_and_the_store_flag_is_honoured()
    {
        Directory.Delete(Path.Combine(_home.OpenClawState, "agents", "hr-bp"), recursive: true);
        var later = DateTimeOffset.UtcNow.AddHours(5).ToUnixTimeMilliseconds();
        _home.Write(".minimax/oauth_creds.json", $$"""{"access_token":"mmx-FIXTUREaccessCHK","refresh_token":"mmx-FIXTURErefreshCHK","expiry_date":{{later}}}""");
        _home.Write(".gemini/oauth_creds.json", $$"""{"access_token":"ya29.FIXTUREaccessCHK","refresh_token":"1//FIXTURErefreshCHK","expiry_date":{{later}}}""");
        var (code, stdout, stderr) = await Run(Common("--json"));
        code.Should().Be(0, stdout + stderr);
        FixtureSecrets.AssertNoSecret(stdout + stderr, "check output");
        using (var doc = JsonDocument.Parse(stdout))
        {
            var lines = doc.RootElement.GetProperty("lines").EnumerateArray().ToList();
            lines.Should().Contain(l => l.GetProperty("subject").GetString() == "minimax-cli default" && l.GetProperty("message").GetString()!.StartsWith("in_sync", StringComparison.Ordinal));
            lines.Should().Contain(l => l.GetProperty("subject").GetString() == "gemini-cli default" && l.GetProperty("message").GetString()!.StartsWith("in_sync", StringComparison.Ordinal));
            lines.Should().Contain(l => l.GetProperty("subject").GetString() == "agent main anthropic" && l.GetProperty("message").GetString()!.StartsWith("live: next turn uses anthropic:claude-cli", StringComparison.Ordinal));
        }

        var elsewhere = Path.Combine(_home.Root, "mmx", "oauth_creds.json");
        var (flagCode, flagOut, flagErr) = await Run(Common("--stores.minimax-credentials", elsewhere));
        flagCode.Should().Be(2, "a store CredWatch was told to watch and cannot find is an error, not absent: " + flagOut + flagErr);
        flagOut.Should().MatchRegex(@"CRITICAL\s+store\s+minimax-cli\s+not_found: ");
    }

    [Fact]
    public async Task Login_ending_within_the_warning_window_is_exit_1()
    {
        Directory.Delete(Path.Combine(_home.OpenClawState, "agents", "hr-bp"), recursive: true);
        var soon = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeMilliseconds();
        _home.Write(".claude/.credentials.json",
            $$"""{"claudeAiOauth":{"accessToken":"{{Tokens.NewAccess}}","refreshToken":"{{Tokens.NewRefresh}}","expiresAt":4102444800000,"refreshTokenExpiresAt":{{soon}} } }""");
        var (code, stdout, stderr) = await Run(Common());
        code.Should().Be(1, stdout + stderr);
        stdout.Should().StartWith("CREDWATCH WARNING");
    }

    [Fact]
    public async Task Nothing_found_is_unknown_exit_3()
    {
        using var empty = new TempHome(withFixtures: false);
        var (code, stdout, _) = await Run("check", "--home", empty.Home, "--state-dir", empty.StateDir);
        code.Should().Be(3);
        stdout.Should().Contain("no credential store found");
    }

    [Fact]
    public async Task Bad_configuration_stops_with_a_clear_message_and_exit_3()
    {
        var config = Path.Combine(_home.Root, "bad.json");
        await File.WriteAllTextAsync(config, """{"CredWatch":{"Web":{"ListenAddress":"not-an-address"},"Scan":{"RescanInterval":"00:00:00.1"}}}""");
        var (code, _, stderr) = await Run(Common("--config", config));
        code.Should().Be(3);
        stderr.Should().Contain("configuration error").And.Contain("ListenAddress").And.Contain("RescanInterval");

        var (missingCode, _, missingErr) = await Run(Common("--config", Path.Combine(_home.Root, "absent.json")));
        missingCode.Should().Be(3);
        missingErr.Should().Contain("absent.json");
    }
}
