using CredWatch.Exporter.AlertMapping;
using CredWatch.Exporter.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Tasks;

/// <summary>How an alerted result ended, read off the real ledger schema: delivered, dismissed or expired unrecovered, once.</summary>
public sealed class TaskOutcomeTests
{
    [Fact]
    public async Task Each_alerted_result_ends_once_with_what_the_ledger_shows()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        var login = new AgentLoginState("main", "anthropic", "anthropic:work", "relogin_required", LoginBroken: true);
        var time = new FakeTimeProvider(LedgerScenario.Now);
        using var h = new MonitorHarness(db, time, id => id == "main" ? login : null);
        await h.Pass();
        h.Sink.Fired.Should().HaveCount(7);

        var deliveredAt = LedgerScenario.Now.AddMinutes(1);
        db.Exec("UPDATE task_runs SET delivery_status='delivered', last_event_at=@t WHERE task_id='t-at-risk'", ("@t", LedgerDb.Ms(deliveredAt)));
        db.Exec("UPDATE task_runs SET delivery_status='dismissed' WHERE task_id='t-failed'");
        db.Exec("DELETE FROM task_runs WHERE task_id='t-parent-missing'");

        // The stale run moves again: no longer stale, but nothing delivered yet. Its alert must not end as "delivered".
        db.Exec("UPDATE task_runs SET last_event_at=@t WHERE task_id='t-stale'", ("@t", LedgerDb.Ms(LedgerScenario.Now)));
        time.Advance(TimeSpan.FromMinutes(1));
        await h.Pass();

        var ended = h.Sink.Resolved.ToDictionary(r => r.TaskId);
        ended.Keys.Should().BeEquivalentTo(["t-at-risk", "t-failed", "t-parent-missing"]);
        ended["t-at-risk"].Outcome.Should().Be(TaskOutcome.Delivered);
        ended["t-at-risk"].SettledAt.Should().Be(deliveredAt);
        ended["t-failed"].Outcome.Should().Be(TaskOutcome.Dismissed);
        ended["t-failed"].Label.Should().Be(LedgerScenario.LongLabel[..ended["t-failed"].Label!.Length]);
        var expired = ended["t-parent-missing"];
        expired.Outcome.Should().Be(TaskOutcome.Expired);
        expired.LastReason.Should().Be("parent_missing");
        expired.Detail.Should().Contain("left OpenClaw's ledger");

        // The moved run settles later: its alert ends then, once.
        db.Exec("UPDATE task_runs SET status='succeeded', ended_at=@t, last_event_at=@t, delivery_status='delivered' WHERE task_id='t-stale'", ("@t", LedgerDb.Ms(time.GetUtcNow())));
        await h.Pass();
        await h.Pass(full: true);
        h.Sink.Resolved.Where(r => r.TaskId == "t-stale").Should().ContainSingle().Which.Outcome.Should().Be(TaskOutcome.Delivered);
        h.Sink.Resolved.Should().HaveCount(4);

        // A restart on the same state dir ends nothing a second time.
        using var again = new MonitorHarness(db, time);
        await again.Pass();
        again.Sink.Resolved.Should().BeEmpty();
        again.Sink.Fired.Should().BeEmpty();
    }

    [Fact]
    public void Follow_up_says_delivered_dismissed_or_expired_with_the_reason_and_the_retries()
    {
        var at = new DateTimeOffset(2026, 11, 25, 12, 40, 0, TimeSpan.Zero);
        var delivered = new ResolvedTaskResult("t-1", "subagent", at)
        {
            Outcome = TaskOutcome.Delivered, Label = "Quarterly report", SettledAt = at,
            Retries = [new TaskRetryRecord(LedgerDb.Ms(at.AddMinutes(-2)), TaskRetryOutcomes.Ok, null)],
        };
        var text = TaskAlertMapper.FollowUp(delivered);
        text.Should().StartWith("Delivered: The result of task t-1 (\"Quarterly report\") reached its requester at 2026-11-25 12:40 UTC after CredWatch's retry.")
            .And.Contain("`openclaw tasks retry t-1` at 2026-11-25 12:38 UTC: ok");

        TaskAlertMapper.FollowUp(delivered with { Retries = [] }).Should().NotContain("retry");
        TaskAlertMapper.FollowUp(delivered with { Outcome = TaskOutcome.Dismissed, Detail = "delivery was dismissed", Retries = [] })
            .Should().StartWith("Dismissed: The result of task t-1").And.Contain("delivery was dismissed");
        TaskAlertMapper.FollowUp(delivered with
        {
            Outcome = TaskOutcome.Expired, Detail = "the task left OpenClaw's ledger", LastReason = "blocked",
            Login = new AgentLoginState("main", "anthropic", "anthropic:work", "expired", true),
            Retries = [new TaskRetryRecord(LedgerDb.Ms(at), TaskRetryOutcomes.Refused, "completion delivery redrive limit reached")],
        }).Should().StartWith("Expired unrecovered: The result of task t-1").And.Contain("last seen blocked").And.Contain("anthropic:work (expired)")
            .And.Contain("refused (completion delivery redrive limit reached)");
    }
}
