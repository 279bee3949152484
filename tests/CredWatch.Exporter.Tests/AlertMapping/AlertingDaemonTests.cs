using System.Text.Json;
using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.Tests.Tasks;
using CredWatch.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using CredWatch.Alerts.Delivery;

namespace CredWatch.Exporter.Tests.AlertMapping;

/// <summary>The real daemon (host, Kestrel, watcher, LogTail, ledger poller, Alerts) against a loopback Bot API server.</summary>
[Collection(CredWatch.Exporter.Tests.Support.InProcessDaemons.Name)]
public sealed class AlertingDaemonTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stale_copy_is_told_in_the_default_chat_and_resolved_after_the_copy_is_fixed()
    {
        await using var env = await AlertingHome.CreateAsync();
        await using (var daemon = await DaemonHarness.StartAsync(env.Home, env.Config()))
        {
            await Eventually.Until(() => env.Server.DeliveredMessages.Any(m => m.Text!.Contains("Stale copy", StringComparison.Ordinal)), Deadline, "stale_copy message");
            var stale = env.Server.DeliveredMessages.First(m => m.Text!.Contains("Stale copy", StringComparison.Ordinal));
            stale.ChatIdNumber.Should().Be(AlertingHome.DefaultChat);
            stale.MessageThreadId.Should().BeNull();
            stale.Token.Should().Be(AlertingHome.BotToken, "the bot token and API root come from OpenClaw's JSON5 config");
            stale.Text.Should().Contain("agent hr-bp").And.Contain("anthropic:claude-cli").And.Contain("credwatch sync", "hr-bp is a JSON layout CredWatch can rewrite");

            // Fix the copy the way a repair would: the hr-bp store now holds main's (fresh) login.
            var main = await File.ReadAllTextAsync(Path.Combine(env.Home.AgentDir("main"), "auth-profiles.json"));
            env.Home.AtomicReplace(Path.Combine(env.Home.AgentDir("hr-bp"), "auth-profiles.json"), main);
            await Eventually.Until(() => env.Server.DeliveredMessages.Any(m => m.Text!.Contains("resolved", StringComparison.OrdinalIgnoreCase) && m.Text.Contains("hr-bp", StringComparison.Ordinal)),
                Deadline, "resolved message");

            var status = await daemon.Client.GetStringAsync("/api/status");
            using var doc = JsonDocument.Parse(status);
            var alerts = doc.RootElement.GetProperty("alerts");
            alerts.GetProperty("canSend").GetBoolean().Should().BeTrue();
            alerts.GetProperty("targets").GetArrayLength().Should().Be(1);
            FixtureSecrets.AssertNoSecret(status, "/api/status", [AlertingHome.BotToken]);
            FixtureSecrets.AssertNoSecret(daemon.Logs.Text, "logs", [AlertingHome.BotToken]);
        }

        env.Server.DeliveredMessages.Count(m => m.Text!.Contains("Stale copy", StringComparison.Ordinal)).Should().Be(1, "a condition fires once (the repeat interval is hours)");
        env.AssertOnlySent();
    }

    [Fact]
    public async Task Announce_give_up_in_the_gateway_log_goes_to_the_requesters_chat_and_topic()
    {
        await using var env = await AlertingHome.CreateAsync();
        await using var daemon = await DaemonHarness.StartAsync(env.Home, env.Config());
        const string run = "5d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a";
        env.AppendLog(AlertingHome.JsonLine($"[warn] Subagent announce give up (retry-limit) run={run} child=agent:main:subagent:0f1e requester=agent:main:telegram:group:-100123:topic:42 retries=3 endedAgo=95s"));

        await Eventually.Until(() => env.Server.DeliveredMessages.Any(m => m.Text!.Contains(run, StringComparison.Ordinal)), Deadline, "result_lost message");
        var lost = env.Server.DeliveredMessages.Single(m => m.Text!.Contains(run, StringComparison.Ordinal));
        lost.ChatIdNumber.Should().Be(-100123);
        lost.MessageThreadId.Should().Be(42);
        lost.Text.Should().Contain("result was lost").And.Contain("topic 42");

        // The same line again (e.g. re-read) is one fact: no second message.
        env.AppendLog(AlertingHome.JsonLine($"[warn] Subagent announce give up (retry-limit) run={run} child=agent:main:subagent:0f1e requester=agent:main:telegram:group:-100123:topic:42 retries=3 endedAgo=96s"));
        env.AppendLog(AlertingHome.JsonLine("[warn] Subagent announce give up (retry-limit) run=ffff0000-9f8e-4d7c-8b6a-5f4e3d2c1b0a child=agent:main:subagent:0f1f requester=agent:main:main retries=3 endedAgo=1s"));
        await Eventually.Until(() => env.Server.DeliveredMessages.Any(m => m.Text!.Contains("ffff0000", StringComparison.Ordinal)), Deadline, "a later event went out");
        env.Server.DeliveredMessages.Count(m => m.Text!.Contains(run, StringComparison.Ordinal)).Should().Be(1);
        env.Server.DeliveredMessages.Single(m => m.Text!.Contains("ffff0000", StringComparison.Ordinal)).ChatIdNumber.Should().Be(AlertingHome.DefaultChat, "no chat in the requester key: default target");
        FixtureSecrets.AssertNoSecret(daemon.Logs.Text, "logs", [AlertingHome.BotToken]);
        env.AssertOnlySent();
    }

    [Fact]
    public async Task Undelivered_ledger_result_alerts_its_topic_once_across_a_restart()
    {
        await using var env = await AlertingHome.CreateAsync();
        using var db = new LedgerDb();
        var now = DateTimeOffset.UtcNow;
        db.Upsert(new TaskRow
        {
            Id = "t-alerting", CreatedAt = LedgerDb.Ms(now.AddHours(-1)), EndedAt = LedgerDb.Ms(now.AddMinutes(-30)), DeliveryStatus = "failed",
            Error = "delivery path none did not complete", TerminalOutcome = "blocked", Label = LedgerScenario.LongLabel,
            RequesterSessionKey = "agent:main:telegram:group:-1001234567890:topic:42",
        });
        await using (var daemon = await DaemonHarness.StartAsync(env.Home, env.Config(db.Path_)))
        {
            await Eventually.Until(() => env.Server.DeliveredMessages.Any(m => m.Text!.Contains("t-alerting", StringComparison.Ordinal)), Deadline, "task alert");
        }

        var alert = env.Server.DeliveredMessages.Single(m => m.Text!.Contains("t-alerting", StringComparison.Ordinal));
        alert.ChatIdNumber.Should().Be(-1001234567890);
        alert.MessageThreadId.Should().Be(42);
        alert.Text.Should().Contain("openclaw tasks").And.NotContain(LedgerScenario.LongLabel, "the label is cut to 80 characters");
        var restartMark = env.Server.Requests.Count;

        // Restart: same state dir, same ledger. The result is already told; nothing new may go out for it.
        await using (var daemon = await DaemonHarness.StartAsync(env.Home, env.Config(db.Path_)))
        {
            var monitor = daemon.App.Services.GetRequiredService<CredWatch.Exporter.Tasks.TaskLedgerMonitor>();
            await Eventually.Until(() => monitor.Current.Results.Any(r => r.TaskId == "t-alerting"), Deadline, "the ledger was read again after the restart");
            var engine = daemon.App.Services.GetRequiredService<CredWatch.Alerts.Delivery.AlertEngine>();
            await Eventually.Until(() => engine.Depth == 0, Deadline, "the outbox drained after the restart");
            env.Server.DeliveredMessages.Count(m => m.Text!.Contains("t-alerting", StringComparison.Ordinal)).Should().Be(1, "the restart sent nothing new for an already told result");

            // Resolve it: the alert resolves in the same topic.
            db.Exec("UPDATE task_runs SET delivery_status='delivered' WHERE task_id='t-alerting'");
            await Eventually.Until(() => env.Server.DeliveredMessages.Any(m => m.Text!.Contains("resolved", StringComparison.OrdinalIgnoreCase) && m.Text.Contains("t-alerting", StringComparison.Ordinal)),
                Deadline, "resolved task message");
        }

        env.Server.DeliveredMessages.Count(m => m.Text!.Contains("t-alerting", StringComparison.Ordinal) && !m.Text.Contains("resolved", StringComparison.OrdinalIgnoreCase))
            .Should().Be(1, "no second alert after the restart");
        env.Server.DeliveredMessages.Single(m => m.Text!.Contains("resolved", StringComparison.OrdinalIgnoreCase) && m.Text.Contains("t-alerting", StringComparison.Ordinal))
            .MessageThreadId.Should().Be(42);
        restartMark.Should().BeGreaterThan(0);
        env.AssertOnlySent([LedgerDb.SecretResult, LedgerDb.SecretTaskTail]);
    }
}
