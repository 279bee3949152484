using CredWatch.Exporter.Cli;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Stores;
using CredWatch.TestSupport;
using CredWatch.TestSupport.OpenClaw;

namespace CredWatch.Exporter.Tests.RealOpenClaw;

/// <summary>CredWatch on stores the real OpenClaw 2026.9.6 wrote (one migrated home for all assertions).</summary>
[Collection(RealOpenClawSerial.Name)]
public sealed class CredWatchOnRealOpenClawTests(MigratedHomeFixture fx) : IClassFixture<MigratedHomeFixture>
{
    private static readonly StoreId Shared = new(StoreLabels.OpenClawShared, null);

    private RegistryState State => fx.State!;

    private string CheckText()
    {
        var lines = CoreCheckLines.For(State, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var text = CredWatch.Exporter.Reporting.CheckReport.Table(lines.Max(l => l.Severity), lines);
        FixtureSecrets.AssertNoSecret(text, "check output", [MigratedHomeFixture.ResignRefresh]);
        return text;
    }

    [RealOpenClawFact]
    public void CredWatch_reads_every_store_openclaw_wrote()
    {
        var home = fx.Home!;
        File.Exists(home.StateDatabasePath).Should().BeTrue();
        var shared = State.Stores[Shared].Snapshot;
        shared.Up.Should().BeTrue(shared.Error?.Detail);
        shared.Layout.Should().Be(StoreLayout.OpenClawStateDbRows);
        shared.SharedLocation.Should().Be(SharedStoreLocations.StateDb);
        shared.SchemaVersion.Should().Be(18);

        var agentDbs = Directory.GetFiles(Path.Combine(home.StateDir, "agents"), "openclaw-agent.sqlite", SearchOption.AllDirectories);
        agentDbs.Should().NotBeEmpty("doctor gave ops a database of its own");
        foreach (var db in agentDbs)
        {
            var agent = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(db)))!;
            var snap = State.Stores[new StoreId(StoreLabels.OpenClaw, agent)].Snapshot;
            snap.Up.Should().BeTrue(snap.Error?.Detail);
            snap.Layout.Should().Be(StoreLayout.OpenClawAgentSqlite);
            snap.SchemaVersion.Should().Be(23);
        }

        State.Stores.Keys.Should().NotContain(new StoreId(StoreLabels.OpenClaw, "main"), "main has no store of its own under a state-db shared store");
        State.Stores.Values.Where(e => e.Snapshot.Id.Store is StoreLabels.OpenClaw or StoreLabels.OpenClawShared)
            .Should().OnlyContain(e => e.Snapshot.Up, "every OpenClaw store is understood");
        foreach (var run in fx.Runs)
        {
            FixtureSecrets.AssertNoSecret(run.StdOut + run.StdErr, "openclaw output", [MigratedHomeFixture.ResignRefresh]);
        }
    }

    [RealOpenClawFact]
    public void Per_profile_expiries_equal_openclaw_models_status()
    {
        var listed = fx.ModelsStatus!["auth"]!["oauth"]!["profiles"]!.AsArray().Where(p => p!["type"]!.GetValue<string>() == "oauth").ToList();
        listed.Should().HaveCountGreaterThanOrEqualTo(3);
        var mine = State.Stores[Shared].Snapshot.Profiles.ToDictionary(p => p.ProfileId);
        foreach (var p in listed)
        {
            var id = p!["profileId"]!.GetValue<string>();
            mine.Should().ContainKey(id);
            var theirs = p["expiresAt"]?.GetValue<long>();
            mine[id].AccessExpiresAt?.ToUnixTimeMilliseconds().Should().Be(theirs, id);
            if (theirs is null)
            {
                mine[id].AccessExpiresAt.Should().BeNull(id);
            }
        }
    }

    [RealOpenClawFact]
    public void The_failed_fence_doctor_wrote_for_the_expired_login_is_relogin_required()
    {
        var fenced = State.Stores[Shared].Snapshot.Profiles.Single(p => p.ProfileId == "anthropic:old");
        fenced.Fence.Should().Be(FenceState.Failed);
        State.Comparisons.Single(c => c.Store == Shared && c.ProfileId == "anthropic:old").State.Should().Be(TokenStates.ReloginRequired);
        CheckText().Should().Contain("run `openclaw models auth login --provider anthropic --profile-id 'anthropic:old'`");
    }

    [RealOpenClawFact]
    public void The_re_sign_in_the_second_migration_discarded_is_reported()
    {
        var ignored = State.Stores[Shared].Snapshot.IgnoredResignIns.Should().ContainSingle().Subject;
        ignored.ProfileId.Should().Be("anthropic:old");
        fx.Home!.MigrationArchives("main").Should().Contain(ignored.ArchivePath);
        var text = CheckText();
        text.Should().StartWith("CREDWATCH CRITICAL");
        text.Should().Contain("ignored re-sign-in").And.Contain("used by agents main");
    }

    [RealOpenClawFact]
    public async Task Check_openclaw_agrees_with_the_real_models_status()
    {
        var home = fx.Home!;
        var wrapper = Path.Combine(home.Root, "bin", "openclaw");
        Directory.CreateDirectory(Path.GetDirectoryName(wrapper)!);

        // What an operator's `openclaw` on PATH is, kept offline and tagged like every harness process.
        await File.WriteAllTextAsync(wrapper, "#!/bin/sh\n"
            + $"export NODE_USE_ENV_PROXY=1 HTTP_PROXY={OpenClawProcesses.DeadProxy} HTTPS_PROXY={OpenClawProcesses.DeadProxy} NO_PROXY=127.0.0.1,localhost,::1 NO_COLOR=1 CI=1 {OpenClawProcesses.MarkerVariable}={home.ScratchId}\n"
            + $"exec '{OpenClawInstall.NodeExecutable}' '{OpenClawInstall.CliScript}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var lines = await new OpenClawCrossCheck(wrapper, OpenClawRunner.DefaultTimeout, new CredWatch.Exporter.OpenClaw.OpenClawInstallation(null, new PathEnvironment(home.Root, _ => null)), TimeProvider.System).GetLinesAsync(State, CancellationToken.None);
        var text = string.Join('\n', lines);
        FixtureSecrets.AssertNoSecret(text, "cross-check", [MigratedHomeFixture.ResignRefresh]);
        lines.Should().NotBeEmpty();
        lines.Should().OnlyContain(l => l.Severity == CheckSeverity.Ok, text);
        lines.Should().Contain(l => l.Subject == "agent main" && l.Message.Contains("agrees", StringComparison.Ordinal), text);
    }
}
