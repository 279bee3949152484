using System.Text.Json;
using CredWatch.Exporter.Tasks;
using CredWatch.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Tasks;

public sealed class TaskReportsTests
{
    [Fact]
    public async Task Check_ExitsZeroOneOrTwo()
    {
        using var db = new LedgerDb();
        var time = new FakeTimeProvider(LedgerScenario.Now);
        using var h = new MonitorHarness(db, time);
        db.Upsert(new TaskRow { Id = "ok", CreatedAt = LedgerScenario.Ago(TimeSpan.FromHours(1)), EndedAt = LedgerScenario.Ago(TimeSpan.FromHours(1)) });
        var clean = TaskReports.Check(await h.Pass());
        clean.ExitCode.Should().Be(0);
        clean.Lines.Should().ContainSingle().Which.Should().StartWith("tasks: OK");

        db.Upsert(new TaskRow { Id = "df", CreatedAt = LedgerScenario.Ago(TimeSpan.FromHours(1)), EndedAt = LedgerScenario.Ago(TimeSpan.FromHours(1)), DeliveryStatus = "failed" });
        var one = TaskReports.Check(await h.Pass());
        one.ExitCode.Should().Be(1);
        one.Lines.Should().Contain(l => l.StartsWith("UNDELIVERED delivery_failed subagent task=df agent=main", StringComparison.Ordinal) && l.Contains("topic=telegram:-1001234567890/42", StringComparison.Ordinal));
        one.Lines.Should().Contain("  1. openclaw tasks retry df   # re-delivers the blocked completion");

        db.Upsert(new TaskRow { Id = "pm", CreatedAt = LedgerScenario.Ago(TimeSpan.FromHours(1)), EndedAt = LedgerScenario.Ago(TimeSpan.FromHours(1)), DeliveryStatus = "parent_missing" });
        TaskReports.Check(await h.Pass()).ExitCode.Should().Be(2);
    }

    [Fact]
    public void ScanTasks_ListsEveryUndeliveredResultNewestFirstWithItsTopic_AsTextAndJson()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        var report = TaskReports.Scan(db.Path_, new TaskLedgerOptions(), new FakeTimeProvider(LedgerScenario.Now));

        report.Results.Select(r => r.TaskId).Should().Equal("t-at-risk", "t-stuck", "t-lost", "t-blocked", "t-stale", "t-parent-missing", "t-failed");
        var text = new StringWriter();
        TaskReports.WriteScan(report, json: false, text).Should().Be(2);
        text.ToString().Should().Contain("topic=telegram:-1009999/7").And.Contain("suspended=permanent_failure");
        var json = new StringWriter();
        TaskReports.WriteScan(report, json: true, json);
        using var doc = JsonDocument.Parse(json.ToString());
        doc.RootElement.GetProperty("count").GetInt32().Should().Be(7);
        var first = doc.RootElement.GetProperty("results")[0];
        first.GetProperty("reason").GetString().Should().Be("at_risk");
        first.GetProperty("topic").GetString().Should().Be("telegram:-1001234567890/42");
        first.GetProperty("requesterSessionKey").GetString().Should().Be("agent:main:telegram:group:-1001234567890:topic:42");
        first.GetProperty("deadlineAt").GetDateTimeOffset().Should().Be(LedgerScenario.Now.AddMinutes(25));
        var all = text + json.ToString();
        all.Should().NotContain(LedgerDb.SecretResult).And.NotContain(LedgerDb.SecretTaskTail);
        FixtureSecrets.AssertNoSecret(all, "scan --tasks");
    }

    [Fact]
    public void ScanTasks_OnAMissingDatabase_SaysWhyAndExitsThree()
    {
        var report = TaskReports.Scan("/nonexistent/state/openclaw.sqlite", new TaskLedgerOptions(), TimeProvider.System);
        var text = new StringWriter();

        TaskReports.WriteScan(report, json: false, text).Should().Be(3);
        text.ToString().Should().Contain("not_found");
    }

    [Fact]
    public async Task StatusSection_CarriesCountsAndBoundedList()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now));
        var s = await h.Pass();

        var section = TaskStatusSection.From(s, limit: 3);

        section.Store.Should().Be("openclaw-tasks");
        section.Undelivered.Should().Be(7);
        section.Results.Should().HaveCount(3);
        section.Truncated.Should().BeTrue();
        section.ByReason.Should().HaveCount(7).And.Contain("blocked", 1);
        using var doc = JsonDocument.Parse(TaskReports.StatusJson(s, 100));
        doc.RootElement.GetProperty("results").GetArrayLength().Should().Be(7);
    }
}
