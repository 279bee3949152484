using System.Text.Json;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary><c>credwatch sync</c> end to end: the real binary over a copy of tests/fixtures/home.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // Unix modes: CredWatch runs on Linux
public sealed class SyncProcessTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private string HrBp => Path.Combine(_home.AgentDir("hr-bp"), "auth-profiles.json");

    private string Main => Path.Combine(_home.AgentDir("main"), "auth-profiles.json");

    private string[] Args(string verb, params string[] extra) => [verb, "--home", _home.Home, "--state-dir", _home.StateDir, .. extra];

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CredWatchProcess.RunAsync(args);

    private string[] Backups(string agent) => Directory.GetFiles(_home.AgentDir(agent), "*.credwatch-bak.*");

    [Fact]
    public async Task Sync_repairs_the_stale_copy_keeps_unknown_fields_leaves_main_alone_then_check_is_ok()
    {
        var mainBefore = File.ReadAllBytes(Main);

        var (code, stdout, stderr) = await Run(Args("sync"));

        code.Should().Be(0, stdout + stderr);
        stdout.Should().MatchRegex(@"hr-bp\s+anthropic:claude-cli\s+repaired");
        stdout.Should().MatchRegex(@"main\s+anthropic:claude-cli\s+in sync");
        stdout.Should().Contain("1 repaired, 0 failed");
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(HrBp)))
        {
            var p = doc.RootElement.GetProperty("profiles").GetProperty("anthropic:claude-cli");
            p.GetProperty("refresh").GetString().Should().Be(Tokens.NewRefresh);
            p.GetProperty("access").GetString().Should().Be(Tokens.NewAccess);
            p.GetProperty("expires").GetInt64().Should().Be(4102444800000);
            p.GetProperty("x-kept-by-user").GetString().Should().Be("unknown fields must survive a resync");
            doc.RootElement.GetProperty("usageStats").GetProperty("anthropic:claude-cli").GetProperty("errorCount").GetInt32().Should().Be(2);
        }

        File.GetUnixFileMode(HrBp).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Backups("hr-bp").Should().ContainSingle();
        File.ReadAllText(Backups("hr-bp")[0]).Should().Contain("FIXTURErefreshOLD", "the backup is the previous version");
        File.ReadAllBytes(Main).Should().Equal(mainBefore);
        Backups("main").Should().BeEmpty();

        var check = await Run(Args("check"));
        check.Code.Should().Be(0, check.Out + check.Err);

        var again = await Run(Args("sync"));
        again.Code.Should().Be(0);
        again.Out.Should().Contain("0 repaired, 0 failed");
        Backups("hr-bp").Should().ContainSingle("nothing to repair → nothing written");
    }

    [Fact]
    public async Task Dry_run_writes_nothing_and_says_what_it_would_do()
    {
        var before = Snapshot();

        var (code, stdout, stderr) = await Run(Args("sync", "--dry-run"));

        code.Should().Be(0, stdout + stderr);
        stdout.Should().MatchRegex(@"hr-bp\s+anthropic:claude-cli\s+would repair");
        stdout.Should().Contain("nothing written");
        Snapshot().Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Agent_filter_touches_only_the_named_agents()
    {
        var hrBefore = File.ReadAllBytes(HrBp);

        var (code, stdout, _) = await Run(Args("sync", "--agent", "main"));

        code.Should().Be(0);
        stdout.Should().Contain("main").And.NotContain("hr-bp");
        File.ReadAllBytes(HrBp).Should().Equal(hrBefore);

        var both = await Run(Args("sync", "--agent", "main", "--agent", "hr-bp"));
        both.Out.Should().MatchRegex(@"hr-bp\s+anthropic:claude-cli\s+repaired");
    }

    [Theory]
    [InlineData(1_780_000_000_000, "source_expired")] // source newer than the copy but expired before "now"
    [InlineData(1_770_000_000_000, "ahead")]          // the copy's tokens are newer than the source's
    public async Task Refusals_are_reported_with_their_reason_and_nothing_is_written(long sourceExpiresMs, string reason)
    {
        _home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.NewAccess, Tokens.NewRefresh, sourceExpiresMs));
        var before = File.ReadAllBytes(HrBp);

        var (code, stdout, _) = await Run(Args("sync"));

        code.Should().Be(0, "a refusal is a decision, not a failure");
        stdout.Should().MatchRegex($@"hr-bp\s+anthropic:claude-cli\s+skipped: {reason}");
        File.ReadAllBytes(HrBp).Should().Equal(before);
        Backups("hr-bp").Should().BeEmpty();
    }

    [Fact]
    public async Task Unrelated_profile_is_refused_and_kept_byte_for_byte()
    {
        var other = _home.Write(".openclaw/agents/ops/agent/auth-profiles.json",
            Tokens.OAuthProfile("anthropic:work", "anthropic", Tokens.OldAccess, Tokens.OldRefresh, 4_000_000_000_000));
        var before = File.ReadAllBytes(other);

        var (code, stdout, _) = await Run(Args("sync", "--agent", "ops"));

        code.Should().Be(0);
        stdout.Should().MatchRegex(@"ops\s+anthropic:work\s+skipped: unrelated");
        File.ReadAllBytes(other).Should().Equal(before);
    }

    [Fact]
    public async Task A_live_lock_makes_the_repair_fail_cleanly_with_exit_1()
    {
        // A lock naming a live process (this test) is never stale, however old (OpenClaw 2026.9.6 semantics).
        var lockPath = HrBp + ".lock";
        File.WriteAllText(lockPath, $"{{\"pid\":{Environment.ProcessId},\"createdAt\":\"2020-01-01T00:00:00.000Z\"}}");
        var config = _home.Write("credwatch.json", """{"CredWatch":{"Resync":{"Lock":{"Retries":2,"MinBackoff":"00:00:00.010","MaxBackoff":"00:00:00.050"}}}}""");
        var before = File.ReadAllBytes(HrBp);

        var (code, stdout, stderr) = await Run(Args("sync", "--config", config));

        code.Should().Be(1, stdout + stderr);
        stdout.Should().MatchRegex(@"hr-bp\s+anthropic:claude-cli\s+FAILED: lock_timeout");
        File.ReadAllBytes(HrBp).Should().Equal(before);
        File.Exists(lockPath).Should().BeTrue("another process's lock is never removed");
    }

    [Fact]
    public async Task Sqlite_layout_is_not_written_and_the_OpenClaw_command_is_printed()
    {
        // anthropic:default holds a refresh token the Claude CLI held before its last rotation (CredWatch saw it there:
        // lineage in the fingerprint history), so it is a stale copy resync would repair on a JSON layout. (A same
        // e-mail alone would not do on a SQLite store: OpenClaw's own login of the same account is not a copy.)
        // anthropic:claude-cli is kept too: on a SQLite layout OpenClaw 2026.7+ overlays the Claude CLI store over it
        // (issue 10), so it is passthrough and never resynced.
        _home.Write(".claude.json", """{"oauthAccount":{"emailAddress":"ops@example.com","accountUuid":"u-1"}}""");
        var live = File.ReadAllText(_home.ClaudeCredentials);
        _home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.OldAccess, Tokens.OldRefresh, 1773427200000));
        await Run(Args("check"));
        _home.Write(".claude/.credentials.json", live);
        var store = $$$"""
            {"version":1,"profiles":{
              "anthropic:default":{"type":"oauth","provider":"anthropic","access":"{{{Tokens.OldAccess}}}","refresh":"{{{Tokens.OldRefresh}}}","expires":1773427200000,"email":"ops@example.com"},
              "anthropic:claude-cli":{"type":"oauth","provider":"anthropic","access":"{{{Tokens.Access("CLI")}}}","refresh":"{{{Tokens.Refresh("CLI")}}}","expires":1773427200000} } }
            """;
        var db = _home.CreateAgentDatabase("coder", store);
        var before = File.ReadAllBytes(db);

        var (code, stdout, stderr) = await Run(Args("sync", "--agent", "coder"));

        code.Should().Be(0, stdout + stderr);
        stdout.Should().MatchRegex(@"coder\s+anthropic:default\s+skipped: sqlite_gateway_owned");
        stdout.Should().Contain("run: openclaw models auth login --agent 'coder' --provider anthropic");
        stdout.Should().Contain("interactive terminal");
        stdout.Should().Contain("--profile-id 'anthropic:default'");
        stdout.Should().MatchRegex(@"coder\s+anthropic:claude-cli\s+skipped: passthrough");
        stdout.Should().NotContain("--profile-id 'anthropic:claude-cli'", "a passthrough copy needs no login");
        File.ReadAllBytes(db).Should().Equal(before);
        FixtureSecrets.AssertNoSecret(stdout + stderr, "sync output");
    }

    private Dictionary<string, string> Snapshot() =>
        Directory.GetFiles(Path.Combine(_home.Home, ".openclaw"), "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => Convert.ToBase64String(File.ReadAllBytes(f)) + "@" + File.GetLastWriteTimeUtc(f).Ticks, StringComparer.Ordinal);
}
