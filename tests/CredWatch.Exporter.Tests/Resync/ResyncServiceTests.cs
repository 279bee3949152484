using System.Text;
using CredWatch.Exporter.Resync;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Resync;

[System.Runtime.Versioning.SupportedOSPlatform("linux")] // Unix modes and real processes: CredWatch runs on Linux
public sealed class ResyncServiceTests : IDisposable
{
    private readonly ResyncFixture _f = new(new ResyncOptions
    {
        Lock = new OpenClawLockOptions { Retries = 4, MinBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(100) },
    });

    private ResyncHome Home => _f.Home;

    [Fact]
    public async Task Stale_hr_bp_copy_is_repaired_in_place_mode_0600_backup_written_and_everything_else_byte_identical()
    {
        var before = File.ReadAllText(Home.HrBp);

        var report = await _f.Service.RunAsync([Home.HrBpCandidate()], SyncRequest.All, default);

        var o = report.Outcomes.Single();
        o.Action.Should().Be(ResyncAction.Repaired, o.Detail);
        o.Proof.Should().Be(ResyncProof.CliImportProfile);
        File.ReadAllText(Home.HrBp).Should().Be(before
            .Replace(ResyncHome.OldAccess, ResyncHome.NewAccess, StringComparison.Ordinal)
            .Replace(ResyncHome.OldRefresh, ResyncHome.NewRefresh, StringComparison.Ordinal)
            .Replace(ResyncHome.OldExpires.ToString(System.Globalization.CultureInfo.InvariantCulture), ResyncHome.NewExpires.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        File.GetUnixFileMode(Home.HrBp).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var backup = BackupRotator.List(Home.HrBp).Should().ContainSingle().Subject;
        o.BackupPath.Should().Be(backup);
        File.ReadAllText(backup).Should().Be(before);
        File.GetUnixFileMode(backup).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Exists(Home.HrBp + ".lock").Should().BeFalse("the lock is released");
        ResyncFixture.Sum(_f.Repairs, "hr-bp").Should().Be(1);
        _f.Logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 2000);
        AssertNoSecrets(report);
    }

    [Fact]
    public async Task Main_in_sync_is_left_alone_and_not_counted()
    {
        var before = File.ReadAllBytes(Home.StoreOf("main"));
        var main = Home.HrBpCandidate(CopyRelation.InSync) with { AgentId = "main", StorePath = Home.StoreOf("main") };

        var report = await _f.Service.RunAsync([main], SyncRequest.All, default);

        report.Outcomes.Single().Action.Should().Be(ResyncAction.InSync);
        File.ReadAllBytes(Home.StoreOf("main")).Should().Equal(before);
        _f.Skipped.GetMeasurementSnapshot().Should().BeEmpty();
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "ahead", ResyncReasons.Ahead },
        { "unrelated", ResyncReasons.Unrelated },
        { "expired source", ResyncReasons.SourceExpired },
        { "blanked source", ResyncReasons.SourceBlanked },
        { "fence", ResyncReasons.Fenced },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refusals_write_nothing_and_report_the_reason(string kind, string reason)
    {
        var candidate = kind switch
        {
            "ahead" => Home.HrBpCandidate(CopyRelation.Ahead),
            "unrelated" => Home.HrBpCandidate(CopyRelation.Unrelated),
            "expired source" => Home.HrBpCandidate(source: Home.ClaudeSource(expires: 1_000)),
            "blanked source" => Home.HrBpCandidate(source: Home.ClaudeSource(expires: 0, blanked: true)),
            _ => Home.HrBpCandidate(CopyRelation.Fenced),
        };
        var before = File.ReadAllBytes(Home.HrBp);
        var output = new StringWriter();

        var report = await _f.Service.RunAsync([candidate], SyncRequest.All, default);
        var exit = SyncCommandOutput.Write(report, output);

        var o = report.Outcomes.Single();
        o.Action.Should().Be(ResyncAction.Skipped);
        o.Reason.Should().Be(reason);
        exit.Should().Be(SyncCommandOutput.ExitOk, "a refusal is a decision, not a failure");
        output.ToString().Should().Contain($"skipped: {reason}");
        File.ReadAllBytes(Home.HrBp).Should().Equal(before);
        BackupRotator.List(Home.HrBp).Should().BeEmpty();
        _f.Reader.Reads.Should().Be(0, "a refused source is never even read");
        ResyncFixture.Sum(_f.Skipped, "hr-bp", reason).Should().Be(1);
        _f.Logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 2002 && r.Message.Contains(reason, StringComparison.Ordinal));
        AssertNoSecrets(report, output.ToString());
    }

    [Fact]
    public async Task Dry_run_prints_what_it_would_do_writes_nothing_and_counts_nothing()
    {
        var before = File.ReadAllBytes(Home.HrBp);
        var output = new StringWriter();

        var report = await _f.Service.RunAsync([Home.HrBpCandidate()], new SyncRequest(true, new HashSet<string>()), default);
        var exit = SyncCommandOutput.Write(report, output);

        exit.Should().Be(0);
        report.Outcomes.Single().Action.Should().Be(ResyncAction.WouldRepair);
        output.ToString().Should().Contain("hr-bp\tanthropic:claude-cli\twould repair").And.Contain("nothing written");
        File.ReadAllBytes(Home.HrBp).Should().Equal(before);
        File.Exists(Home.HrBp + ".lock").Should().BeFalse();
        _f.Repairs.GetMeasurementSnapshot().Should().BeEmpty();
    }

    [Fact]
    public async Task Agent_filter_limits_the_run()
    {
        var other = Home.HrBpCandidate() with { AgentId = "ops" };

        var report = await _f.Service.RunAsync([Home.HrBpCandidate(), other], new SyncRequest(true, new HashSet<string> { "ops" }), default);

        report.Outcomes.Select(o => o.AgentId).Should().Equal("ops");
    }

    [Fact]
    public async Task A_copy_that_changed_since_the_comparison_is_not_overwritten()
    {
        // Someone (OpenClaw refreshing on its own) rotated hr-bp after core judged it stale.
        var rotated = File.ReadAllText(Home.HrBp).Replace(ResyncHome.OldRefresh, "sk-ant-ort01-FIXTURErefreshROTATED", StringComparison.Ordinal);
        File.WriteAllText(Home.HrBp, rotated);

        var report = await _f.Service.RunAsync([Home.HrBpCandidate()], SyncRequest.All, default);
        var output = new StringWriter();
        var exit = SyncCommandOutput.Write(report, output);

        report.Outcomes.Single().Reason.Should().Be(ResyncReasons.PreconditionChanged);
        exit.Should().Be(SyncCommandOutput.ExitRepairFailed);
        File.ReadAllText(Home.HrBp).Should().Be(rotated);
        ResyncFixture.Sum(_f.Failures, "hr-bp", ResyncReasons.PreconditionChanged).Should().Be(1);
        AssertNoSecrets(report, output.ToString(), ["FIXTURErefreshROTATED"]);
    }

    [Fact]
    public async Task A_source_that_rotated_or_blanked_since_the_comparison_is_not_copied()
    {
        var before = File.ReadAllBytes(Home.HrBp);
        File.WriteAllText(Home.ClaudeCredentials, """{"claudeAiOauth":{"accessToken":"","refreshToken":"","expiresAt":0}}""");

        var report = await _f.Service.RunAsync([Home.HrBpCandidate()], SyncRequest.All, default);

        report.Outcomes.Single().Reason.Should().Be(ResyncReasons.SourceBlanked);
        File.ReadAllBytes(Home.HrBp).Should().Equal(before);

        File.WriteAllText(Home.ClaudeCredentials, """{"claudeAiOauth":{"accessToken":"sk-ant-oat01-FIXTUREaccessX","refreshToken":"sk-ant-ort01-FIXTURErefreshX","expiresAt":4102444800000}}""");
        var again = await _f.Service.RunAsync([Home.HrBpCandidate()], SyncRequest.All, default);
        again.Outcomes.Single().Reason.Should().Be(ResyncReasons.SourceChanged);
        File.ReadAllBytes(Home.HrBp).Should().Equal(before);
    }

    [Fact]
    public async Task Torn_store_is_reported_and_left_as_is()
    {
        var torn = "{\"version\":1,\"profiles\":{\"anthropic:claude-cli\":{\"type\":\"oauth\",";
        File.WriteAllText(Home.HrBp, torn);

        var report = await _f.Service.RunAsync([Home.HrBpCandidate()], SyncRequest.All, default);

        report.Outcomes.Single().Reason.Should().Be(ResyncReasons.MalformedStore);
        File.ReadAllText(Home.HrBp).Should().Be(torn);
    }

    [Fact]
    public async Task A_live_lock_held_by_another_process_makes_the_repair_wait_then_give_up_without_writing()
    {
        var ready = Path.Combine(Home.Root, "holder.ready");
        using var holder = Harness.Start("hold", Home.HrBp, "120", ready);
        await Eventually.Until(() => File.Exists(ready), TimeSpan.FromSeconds(60), "lock holder started");
        var before = File.ReadAllBytes(Home.HrBp);
        var lockBytes = File.ReadAllBytes(Home.HrBp + ".lock");

        var report = await _f.Service.RunAsync([Home.HrBpCandidate()], SyncRequest.All, default);

        var o = report.Outcomes.Single();
        o.Action.Should().Be(ResyncAction.Failed);
        o.Reason.Should().Be(ResyncReasons.LockTimeout);
        File.ReadAllBytes(Home.HrBp).Should().Equal(before);
        File.ReadAllBytes(Home.HrBp + ".lock").Should().Equal(lockBytes, "the holder's lock is never touched");
        BackupRotator.List(Home.HrBp).Should().BeEmpty();
        ResyncFixture.Sum(_f.Failures, "hr-bp", ResyncReasons.LockTimeout).Should().Be(1);

        // Once the holder dies (kill -9: its lock stays behind), the next run takes the stale lock over.
        holder.KillHard();
        var after = await _f.Service.RunAsync([Home.HrBpCandidate()], SyncRequest.All, default);
        after.Outcomes.Single().Action.Should().Be(ResyncAction.Repaired);
        _f.Logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 2010);
        AssertNoSecrets(report);
    }

    [Fact]
    public async Task SQLite_layout_by_default_prints_the_OpenClaw_repair_command_and_writes_nothing()
    {
        var db = Path.Combine(Home.Root, "openclaw-agent.sqlite");
        SqliteStores.Create(db, File.ReadAllText(Home.HrBp));
        var candidate = Home.HrBpCandidate() with { Layout = TargetLayout.AgentSqlite, StorePath = db };
        var output = new StringWriter();

        var report = await _f.Service.RunAsync([candidate], SyncRequest.All, default);
        SyncCommandOutput.Write(report, output).Should().Be(0);

        var o = report.Outcomes.Single();
        o.Reason.Should().Be(ResyncReasons.SqliteGatewayOwned);
        o.RepairCommand.Should().Be("openclaw models auth login --agent 'hr-bp' --provider anthropic --profile-id 'anthropic:claude-cli'");
        output.ToString().Should().Contain("\trun: openclaw models auth login --agent 'hr-bp'");
        SqliteStores.Read(db).Should().Be(File.ReadAllText(Home.HrBp));
    }

    private void AssertNoSecrets(SyncReport report, string? output = null, IEnumerable<string>? extra = null)
    {
        FixtureSecrets.AssertNoSecret(_f.AllLogText, "resync logs", extra);
        FixtureSecrets.AssertNoSecret(string.Join("\n", report.Outcomes.Select(o => o.ToString())), "resync outcomes", extra);
        if (output is not null)
        {
            FixtureSecrets.AssertNoSecret(output, "sync output", extra);
        }

        var w = new StringWriter();
        SyncCommandOutput.Write(report, w);
        FixtureSecrets.AssertNoSecret(w.ToString(), "sync output", extra);
        FixtureSecrets.AssertNoSecret(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(report.ToString())), "report", extra);
    }

    public void Dispose() => _f.Dispose();
}
