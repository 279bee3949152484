using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.Tests.Tasks;
using CredWatch.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using CredWatch.Alerts.Delivery;

namespace CredWatch.Exporter.Tests.AlertMapping;

/// <summary>The real daemon: every undelivered-result alert ends with one follow-up in its own chat and topic, also across a restart.</summary>
[Collection(InProcessDaemons.Name)]
public sealed class TaskFollowUpDaemonTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Delivered_dismissed_and_expired_results_each_get_one_follow_up_in_their_topic()
    {
        await using var env = await AlertingHome.CreateAsync();
        using var db = new LedgerDb();
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, topic) in new[] { ("t-deliv", "41"), ("t-dismiss", "42"), ("t-gone", "43") })
        {
            db.Upsert(new TaskRow
            {
                Id = id, CreatedAt = LedgerDb.Ms(now.AddHours(-1)), EndedAt = LedgerDb.Ms(now.AddMinutes(-40)), DeliveryStatus = "failed",
                Error = "delivery path none did not complete", TerminalOutcome = "blocked", Label = "Report " + id,
                RequesterSessionKey = "agent:main:telegram:group:-1001234567890:topic:" + topic,
            });
        }

        static bool About(CredWatch.TestSupport.Telegram.BotApiRequest m, string id) => m.Text!.Contains(id, StringComparison.Ordinal);

        await using (var daemon = await DaemonHarness.StartAsync(env.Home, env.Config(db.Path_)))
        {
            await Eventually.Until(() => env.Server.DeliveredMessages.Count(m => About(m, "t-deliv") || About(m, "t-dismiss") || About(m, "t-gone")) >= 3, Deadline, "three task alerts");

            db.Exec("UPDATE task_runs SET delivery_status='delivered', last_event_at=@t WHERE task_id='t-deliv'", ("@t", LedgerDb.Ms(DateTimeOffset.UtcNow)));
            db.Exec("UPDATE task_runs SET delivery_status='dismissed' WHERE task_id='t-dismiss'");
            db.Exec("DELETE FROM task_runs WHERE task_id='t-gone'");
            await Eventually.Until(() => env.Server.DeliveredMessages.Count(m => m.Text!.Contains("Delivered:", StringComparison.Ordinal)
                || m.Text.Contains("Dismissed:", StringComparison.Ordinal) || m.Text.Contains("Expired unrecovered:", StringComparison.Ordinal)) >= 3, Deadline, "three follow-ups");
        }

        var sent = env.Server.DeliveredMessages;
        var delivered = sent.Single(m => m.Text!.Contains("Delivered:", StringComparison.Ordinal));
        delivered.Text.Should().Contain("t-deliv").And.Contain("Report t-deliv").And.Contain("reached its requester");
        delivered.ChatIdNumber.Should().Be(-1001234567890);
        delivered.MessageThreadId.Should().Be(41);
        var dismissed = sent.Single(m => m.Text!.Contains("Dismissed:", StringComparison.Ordinal));
        dismissed.Text.Should().Contain("t-dismiss");
        dismissed.MessageThreadId.Should().Be(42);
        var expired = sent.Single(m => m.Text!.Contains("Expired unrecovered:", StringComparison.Ordinal));
        expired.Text.Should().Contain("t-gone").And.Contain("left OpenClaw's ledger").And.Contain("last seen delivery_failed").And.NotContain("✅", "a lost result is not a recovery");
        expired.MessageThreadId.Should().Be(43);
        var before = env.Server.DeliveredMessages.Count;

        // Restart on the same state dir: the follow-ups are not sent again, nor the alerts.
        await using (var daemon = await DaemonHarness.StartAsync(env.Home, env.Config(db.Path_)))
        {
            var monitor = daemon.App.Services.GetRequiredService<CredWatch.Exporter.Tasks.TaskLedgerMonitor>();
            await Eventually.Until(() => monitor.Current.Initialized && monitor.Current.Up, Deadline, "the ledger was read after the restart");
            var engine = daemon.App.Services.GetRequiredService<CredWatch.Alerts.Delivery.AlertEngine>();
            await Eventually.Until(() => engine.Depth == 0, Deadline, "the outbox is empty after the restart");
            await monitor.PassAsync(full: true, CancellationToken.None);
            engine.Depth.Should().Be(0);
        }

        env.Server.DeliveredMessages.Count.Should().Be(before, "nothing is said twice after a restart");
        env.AssertOnlySent([LedgerDb.SecretResult, LedgerDb.SecretTaskTail]);
    }
}
