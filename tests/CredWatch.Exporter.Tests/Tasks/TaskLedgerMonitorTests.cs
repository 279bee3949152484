using CredWatch.Exporter.Tasks;
using CredWatch.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Tasks;

public sealed class TaskLedgerMonitorTests
{
    [Fact]
    public async Task EveryReasonIsFound_SettledAndBorderlineTasksAreNot()
    {
        using var db = new LedgerDb();
        var expected = LedgerScenario.Seed(db);
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now));

        var s = await h.Pass();

        s.Up.Should().BeTrue();
        s.Results.ToDictionary(r => r.TaskId, r => (string?)r.ReasonLabel).Should().BeEquivalentTo(expected);
        s.TotalTasks.Should().Be(12);
        s.Results.Select(r => r.SortTime).Should().BeInDescendingOrder();
        var failed = s.Results.Single(r => r.TaskId == "t-failed");
        failed.Label.Length.Should().BeLessThanOrEqualTo(80);
        LedgerScenario.LongLabel.Should().StartWith(failed.Label);
        failed.Origin!.Display.Should().Be("telegram:-1001234567890/42");
        failed.RequesterSessionKey.Should().Be("agent:main:telegram:group:-1001234567890:topic:42");
        failed.SuspendedReason.Should().Be("expiry");
        var pm = s.Results.Single(r => r.TaskId == "t-parent-missing");
        pm.AgentId.Should().Be("hr-bp");
        pm.Label.Should().StartWith("Summarise the quarterly numbers").And.NotContain(LedgerDb.SecretTaskTail);
    }

    [Fact]
    public async Task AtRiskCarriesItsDeadline_BlockedCarriesSuspendedReasonAndRedactedLastError()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now));

        var s = await h.Pass();

        var atRisk = s.Results.Single(r => r.TaskId == "t-at-risk");
        atRisk.DeadlineAt.Should().Be(LedgerScenario.Now.AddMinutes(25));
        atRisk.AttemptCount.Should().Be(2);
        atRisk.Commands[^1].Note.Should().Contain("only if OpenClaw gives up");
        atRisk.Commands.Select(c => c.Note).Should().Contain(n => n != null && n.Contains("2026-11-25 12:25 UTC", StringComparison.Ordinal));
        var blocked = s.Results.Single(r => r.TaskId == "t-blocked");
        blocked.SuspendedReason.Should().Be("permanent_failure");
        blocked.LastError.Should().StartWith("No API key found for provider").And.Contain("[redacted]");
        FixtureSecrets.AssertNoSecret(blocked.LastError!, "lastError");
        blocked.ErrorClass.Should().Be("auth");
        blocked.Commands.Select(c => c.Command).Should().Equal(
            "openclaw models auth login --provider anthropic",
            "openclaw tasks retry t-blocked",
            "openclaw tasks dismiss t-blocked");
    }

    [Fact]
    public async Task DeliveryPathNoneError_IsJoinedToTheDeadLogin_ReloginFirstThenRetryOnlyAfter()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        var login = new AgentLoginState("main", "anthropic", "anthropic:work", "relogin_required", LoginBroken: true);
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now), id => id == "main" ? login : null);

        var s = await h.Pass();

        var failed = s.Results.Single(r => r.TaskId == "t-failed");
        failed.ErrorClass.Should().Be("delivery");
        failed.Cause.Should().Be("auth");
        failed.Login.Should().Be(login);
        failed.Commands.Select(c => c.Command).Should().Equal(
            "openclaw models auth login --provider anthropic --profile-id 'anthropic:work'",
            "openclaw tasks retry t-failed",
            "openclaw tasks dismiss t-failed");
        failed.Commands[1].Note.Should().StartWith("only after the login works");

        // hr-bp's login is fine: its parent_missing result keeps its own cause.
        s.Results.Single(r => r.TaskId == "t-parent-missing").Cause.Should().Be("none");
    }

    [Fact]
    public async Task LoginStateAtTheTimeSticks_AfterTheLoginIsRepaired()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        var broken = true;
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now),
            id => new AgentLoginState(id, "anthropic", "anthropic:work", broken ? "expired" : "in_sync", broken));
        await h.Pass();
        broken = false;

        var s = await h.Pass(full: true);

        s.Results.Single(r => r.TaskId == "t-failed").Cause.Should().Be("auth");
    }

    [Fact]
    public async Task PendingInsideGrace_BecomesStuckPending_WhenOnlyTheClockMoves()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        var time = new FakeTimeProvider(LedgerScenario.Now);
        using var h = new MonitorHarness(db, time);
        (await h.Pass()).Results.Should().NotContain(r => r.TaskId == "t-grace");

        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var s = await h.Pass();

        s.Results.Single(r => r.TaskId == "t-grace").Reason.Should().Be(UndeliveredReason.StuckPending);
        s.Results.Should().NotContain(r => r.TaskId == "t-running", "it is only 6 minutes quiet").And.HaveCount(8);
    }

    [Fact]
    public async Task ConfigurableGraceAndStaleLimit()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now),
            options: new TaskLedgerOptions { StuckPendingGrace = TimeSpan.FromMinutes(2), StaleRunningLimit = TimeSpan.FromHours(1) });

        var s = await h.Pass();

        s.Results.Should().Contain(r => r.TaskId == "t-grace" && r.Reason == UndeliveredReason.StuckPending);
        s.Results.Should().NotContain(r => r.TaskId == "t-stale");
    }

    [Fact]
    public async Task ResultsResolvedWhileWatching_AreResolvedOnce()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now));
        await h.Pass();
        h.Sink.Fired.Select(f => f.TaskId).Should().HaveCount(7);

        // Delivered without a last_event_at bump (OpenClaw's harness completion path), and one row pruned.
        db.Exec("UPDATE task_runs SET delivery_status='delivered' WHERE task_id='t-failed'");
        db.Exec("UPDATE task_runs SET delivery_status='dismissed' WHERE task_id='t-blocked'");
        db.Exec("DELETE FROM task_runs WHERE task_id='t-lost'");
        var s = await h.Pass();

        s.Results.Select(r => r.TaskId).Should().NotContain(["t-failed", "t-blocked", "t-lost"]).And.HaveCount(4);
        h.Sink.Resolved.Select(r => r.TaskId).Should().BeEquivalentTo(["t-failed", "t-blocked", "t-lost"]);
        await h.Pass();
        await h.Pass(full: true);
        h.Sink.Resolved.Should().HaveCount(3);
        h.Sink.Fired.Should().HaveCount(7);
    }

    [Fact]
    public async Task IncrementalPass_SeesNewAndChangedRows_AndKeepsTaskCountsExact()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        var time = new FakeTimeProvider(LedgerScenario.Now);
        using var h = new MonitorHarness(db, time);
        var first = await h.Pass();
        first.TaskCounts[("subagent", "succeeded")].Should().Be(7);

        var unchanged = await h.Pass();
        unchanged.Results.Should().HaveCount(first.Results.Count);

        db.Upsert(new TaskRow { Id = "t-new", CreatedAt = LedgerDb.Ms(LedgerScenario.Now), EndedAt = LedgerDb.Ms(LedgerScenario.Now), DeliveryStatus = "parent_missing" });
        db.Exec("DELETE FROM task_runs WHERE task_id='t-delivered'");
        db.Exec("UPDATE task_runs SET status='succeeded', ended_at=@e, last_event_at=@e, delivery_status='delivered' WHERE task_id='t-running'",
            ("@e", LedgerDb.Ms(LedgerScenario.Now)));
        var s = await h.Pass();

        s.Results.Should().Contain(r => r.TaskId == "t-new" && r.Reason == UndeliveredReason.ParentMissing);
        s.TotalTasks.Should().Be(12);
        s.TaskCounts[("subagent", "succeeded")].Should().Be(8);
        s.TaskCounts[("subagent", "running")].Should().Be(0);

        // The incremental view equals a fresh full read.
        using var fresh = new MonitorHarness(db, time);
        var full = await fresh.Pass(full: true);
        s.TaskCounts.Should().BeEquivalentTo(full.TaskCounts);
        s.Results.Select(r => (r.TaskId, r.Reason)).Should().BeEquivalentTo(full.Results.Select(r => (r.TaskId, r.Reason)));
    }

    [Fact]
    public async Task Restart_WithAlreadyCountedTasks_NeitherCountsNorAlertsAgain()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        var time = new FakeTimeProvider(LedgerScenario.Now);
        using (var first = new MonitorHarness(db, time))
        {
            await first.Pass();
            first.Monitor.LostTotals[("subagent", "delivery_failed")].Should().Be(1);
            first.Monitor.LostTotals[("cron", "lost")].Should().Be(1);
            first.Monitor.LostTotals.Values.Sum().Should().Be(5, "at_risk and stale_running are not lost (yet)");
            first.Sink.Fired.Should().HaveCount(7);
        }

        File.Exists(Path.Combine(db.StateDir, CountedTaskStore.FileName)).Should().BeTrue();
        db.Exec("UPDATE task_runs SET delivery_status='delivered' WHERE task_id='t-stuck'");
        using var second = new MonitorHarness(db, time);
        var s = await second.Pass();

        s.Results.Should().HaveCount(6);
        second.Monitor.LostTotals.Values.Sum().Should().Be(0);
        second.Sink.Fired.Should().BeEmpty();
        second.Sink.Resolved.Select(r => r.TaskId).Should().Equal("t-stuck");

        // A result that gives up after the restart moves to a counted reason: counted once, not re-alerted.
        db.Exec("UPDATE task_runs SET delivery_status='failed', last_event_at=@n WHERE task_id='t-at-risk'", ("@n", LedgerDb.Ms(LedgerScenario.Now)));
        await second.Pass();
        second.Monitor.LostTotals[("subagent", "delivery_failed")].Should().Be(1);
        second.Sink.Fired.Should().BeEmpty();
    }

    [Fact]
    public async Task AlertsThatFailToSend_AreRetriedNextPass_AndCountedOnlyOnce()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        var sink = new RecordingSink { Fail = true };
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now), sink: sink);
        await h.Pass();
        sink.Fired.Should().BeEmpty();

        sink.Fail = false;
        await h.Pass();

        sink.Fired.Should().HaveCount(7);
        h.Monitor.LostTotals.Values.Sum().Should().Be(5);
        h.AllLogText().Should().Contain("will retry");
    }

    [Fact]
    public async Task TornCountedFile_IsMovedAside_NotOverwrittenInPlace()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        Directory.CreateDirectory(db.StateDir);
        var file = Path.Combine(db.StateDir, CountedTaskStore.FileName);
        await File.WriteAllTextAsync(file, "{\"version\":1,\"tasks\":{\"t-fai");
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now));

        await h.Pass();

        Directory.GetFiles(db.StateDir, CountedTaskStore.FileName + ".corrupt-*").Should().ContainSingle()
            .Which.Should().Match(p => File.ReadAllText(p) == "{\"version\":1,\"tasks\":{\"t-fai");
        h.AllLogText().Should().Contain("invalid_json");
        h.Sink.Fired.Should().HaveCount(7);
    }

    [Fact]
    public async Task CountedIds_ArePrunedOnceTheirTaskLeavesTheLedger()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now));
        await h.Pass();
        db.Exec("DELETE FROM task_runs WHERE task_id IN ('t-lost','t-failed')");

        await h.Pass();
        await h.Pass(full: true);
        await h.Monitor.FlushAsync(); // counted-only changes are written off the pass

        var text = await File.ReadAllTextAsync(Path.Combine(db.StateDir, CountedTaskStore.FileName));
        text.Should().NotContain("t-lost").And.NotContain("t-failed").And.Contain("t-blocked");
    }

    [Fact]
    public async Task NoTaskTextOrSecret_InLogsOrResults()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now));

        var s = await h.Pass();
        await h.Monitor.FlushAsync();

        var all = h.AllLogText() + "\n" + TaskReports.StatusJson(s, 100) + "\n" + string.Join("\n", TaskReports.Check(s).Lines)
            + "\n" + await File.ReadAllTextAsync(Path.Combine(db.StateDir, CountedTaskStore.FileName));
        all.Should().NotContain(LedgerDb.SecretResult).And.NotContain(LedgerDb.SecretTaskTail);
        FixtureSecrets.AssertNoSecret(all, "task ledger outputs");
    }

    [Fact]
    public async Task APassThatAlerts_HasItsAlertedIdsOnDisk_WhenItReturns()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now));

        await h.Pass();

        // No flush, no dispose: the alert-once record is written before the pass completes.
        h.Sink.Fired.Should().NotBeEmpty();
        var text = await File.ReadAllTextAsync(Path.Combine(db.StateDir, CountedTaskStore.FileName));
        var onDisk = System.Text.Json.JsonSerializer.Deserialize(text, TaskJsonContext.Default.CountedTaskFile)!;
        foreach (var fired in h.Sink.Fired)
        {
            onDisk.Tasks[fired.TaskId].AlertedAt.Should().NotBeNull(fired.TaskId + " was alerted");
        }
    }
}
