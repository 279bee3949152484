using System.Text.Json;
using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.Tests.Tasks;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.AlertMapping;

/// <summary>
/// The real daemon with <c>Tasks:AutoRetry</c>: the login join comes from the real stores (agent hr-bp's stale copy is
/// a broken login until it is fixed), the retry runs an executable standing in for <c>openclaw</c>, the alert and
/// its follow-up go through the loopback Bot API.
/// </summary>
[Collection(InProcessDaemons.Name)]
public sealed class TaskAutoRetryDaemonTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Blocked_result_is_retried_once_after_its_login_is_fixed_and_the_follow_up_says_delivered_after_the_retry()
    {
        await using var env = await AlertingHome.CreateAsync();
        using var db = new LedgerDb();
        var ended = LedgerDb.Ms(DateTimeOffset.UtcNow.AddMinutes(-40));
        const string Key = "agent:hr-bp:telegram:group:-1001234567890:topic:42";
        db.Upsert(new TaskRow
        {
            Id = "t-hr", CreatedAt = ended, EndedAt = ended, DeliveryStatus = "failed", Error = "delivery path none did not complete",
            TerminalOutcome = "blocked", AgentId = "hr-bp", RequesterSessionKey = Key, Label = "Payroll summary",
        });
        db.SubagentRun("run-t-hr", "agent:hr-bp:subagent:t-hr", Key,
            """{"status":"suspended","suspendedReason":"expiry","disposition":"permanent_failure","lastError":"delivery path none did not complete","attemptCount":9,"generation":1}""", ended);
        var calls = Path.Combine(env.Home.Root, "retry-calls.txt");
        var bin = Path.Combine(env.Home.Root, "bin", "openclaw");
        Directory.CreateDirectory(Path.GetDirectoryName(bin)!);
        await File.WriteAllTextAsync(bin, $"#!/bin/sh\necho \"$*\" >> '{calls}'\necho 'Retried 1 completion delivery.'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var config = env.Config(db.Path_);
        config["CredWatch:Tasks:AutoRetry"] = "true";
        config["CredWatch:Tasks:OpenClawBin"] = bin;
        await using var daemon = await DaemonHarness.StartAsync(env.Home, config);

        await Eventually.Until(() => env.Server.DeliveredMessages.Any(m => m.Text!.Contains("t-hr", StringComparison.Ordinal)), Deadline, "the blocked result's alert");
        var alert = env.Server.DeliveredMessages.First(m => m.Text!.Contains("t-hr", StringComparison.Ordinal));
        alert.MessageThreadId.Should().Be(42);
        alert.Text.Should().Contain("openclaw tasks retry t-hr");
        using (var status = JsonDocument.Parse(await daemon.Client.GetStringAsync("/api/status")))
        {
            var auto = status.RootElement.GetProperty("autoRetry");
            auto.GetProperty("enabled").GetBoolean().Should().BeTrue();
            auto.GetProperty("available").GetBoolean().Should().BeTrue();
            auto.GetProperty("executable").GetString().Should().Be(bin);
        }

        File.Exists(calls).Should().BeFalse("the login hr-bp's result failed on is still a stale copy");

        // Fix the copy the way a repair would: hr-bp's store now holds main's (fresh) login.
        var main = await File.ReadAllTextAsync(Path.Combine(env.Home.AgentDir("main"), "auth-profiles.json"));
        env.Home.AtomicReplace(Path.Combine(env.Home.AgentDir("hr-bp"), "auth-profiles.json"), main);
        await Eventually.Until(() => File.Exists(calls), Deadline, "CredWatch ran openclaw tasks retry");
        (await File.ReadAllLinesAsync(calls)).Should().Equal("tasks retry t-hr");
        await Eventually.UntilAsync(async () => Scrape.Value(await daemon.Client.GetStringAsync("/metrics"), "credwatch_task_retries_total", ("outcome", "ok")) == 1,
            Deadline, "credwatch_task_retries_total{outcome=\"ok\"} 1");
        daemon.Logs.Text.Should().Contain("Retry of task result t-hr: ok");

        // OpenClaw delivers the re-driven completion: the alert ends, once, in its topic, naming the retry.
        db.Exec("UPDATE task_runs SET delivery_status='delivered', last_event_at=@t WHERE task_id='t-hr'", ("@t", LedgerDb.Ms(DateTimeOffset.UtcNow)));
        await Eventually.Until(() => env.Server.DeliveredMessages.Any(m => m.Text!.Contains("Delivered:", StringComparison.Ordinal)), Deadline, "the follow-up");
        var followUp = env.Server.DeliveredMessages.Single(m => m.Text!.Contains("Delivered:", StringComparison.Ordinal));
        followUp.MessageThreadId.Should().Be(42);
        followUp.Text.Should().Contain("t-hr").And.Contain("after CredWatch").And.Contain("openclaw tasks retry t-hr");
        (await File.ReadAllLinesAsync(calls)).Should().HaveCount(1);
        env.AssertOnlySent([LedgerDb.SecretResult, LedgerDb.SecretTaskTail]);
    }

    [Fact]
    public async Task Auto_retry_without_an_openclaw_executable_is_reported_unavailable_in_the_status()
    {
        await using var env = await AlertingHome.CreateAsync();
        var config = env.Config();
        config["CredWatch:Tasks:AutoRetry"] = "true";
        config["CredWatch:Tasks:OpenClawBin"] = Path.Combine(env.Home.Root, "no-such-openclaw");
        await using var daemon = await DaemonHarness.StartAsync(env.Home, config);

        using var status = JsonDocument.Parse(await daemon.Client.GetStringAsync("/api/status"));
        var auto = status.RootElement.GetProperty("autoRetry");
        auto.GetProperty("enabled").GetBoolean().Should().BeTrue();
        auto.GetProperty("available").GetBoolean().Should().BeFalse();
        auto.GetProperty("unavailableReason").GetString().Should().Contain("no-such-openclaw");
        await Eventually.Until(() => daemon.Logs.Text.Contains("Automatic retry of blocked task results unavailable", StringComparison.Ordinal), Deadline, "the start-up line");
    }
}
