using CredWatch.Exporter.AlertMapping;
using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tasks;
using CredWatch.TestSupport;
using CredWatch.TestSupport.OpenClaw;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Tasks;

/// <summary>
/// Automatic retry over the real ledger schema: an executable standing in for <c>openclaw</c> records each run (the
/// real CLI's answers are checked separately against OpenClaw 2026.9.6 itself).
/// </summary>
public sealed class TaskAutoRetryTests : IDisposable
{
    private static readonly AgentLoginState Dead = new("main", "anthropic", "anthropic:work", "relogin_required", LoginBroken: true);
    private static readonly AgentLoginState Live = Dead with { State = "in_sync", LoginBroken = false };

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cw-retry-" + Guid.NewGuid().ToString("N")[..10]);

    public TaskAutoRetryTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Blocked_result_is_retried_once_per_login_turn_never_while_dead_within_the_hourly_cap_and_the_follow_up_says_so()
    {
        using var db = new LedgerDb();
        var now = LedgerScenario.Now;
        var ended = LedgerDb.Ms(now.AddMinutes(-40));
        Blocked(db, "t-blk", "main", ended);
        Blocked(db, "t-ops", "ops", ended);
        db.Upsert(new TaskRow { Id = "t-risk", CreatedAt = ended, EndedAt = ended, DeliveryStatus = "pending" });
        db.SubagentRun("run-t-risk", "agent:main:subagent:t-risk", "agent:main:main",
            "{\"status\":\"pending\",\"disposition\":\"retryable\",\"lastError\":\"announce deferred or direct delivery failed\",\"attemptCount\":2,\"deadlineAt\":" + LedgerDb.Ms(now.AddMinutes(20)) + "}", ended);

        var main = Dead;
        var ops = Live with { AgentId = "ops" };
        var time = new FakeTimeProvider(now);
        var (bin, calls) = Shim("echo 'Retried 1 completion delivery. Ambiguous prior acknowledgements may still produce a duplicate visible result.'");
        var retrier = new OpenClawTaskRetrier(bin, Installation(db.Root), TimeSpan.FromSeconds(60));
        var options = new TaskLedgerOptions { AutoRetry = true, AutoRetryMaxPerHour = 2 };
        using var h = new MonitorHarness(db, time, id => id == "main" ? main : id == "ops" ? ops : null, options, retrier: retrier);

        await h.Pass();
        h.Sink.Fired.Select(f => f.TaskId).Should().BeEquivalentTo(["t-blk", "t-ops", "t-risk"]);
        await h.Pass(full: true);
        Calls(calls).Should().BeEmpty("never while the login is still dead");

        main = Live;
        await h.Pass();
        Calls(calls).Should().Equal($"tasks retry t-blk|{db.Root}|{_dir}");
        h.AutoRetry!.Totals[TaskRetryOutcomes.Ok].Should().Be(1);
        h.AllLogText().Should().Contain("Retrying blocked task result t-blk").And.Contain("Retry of task result t-blk: ok");

        await h.Pass();
        await h.Pass(full: true);
        Calls(calls).Should().HaveCount(1, "once per cause cleared; t-risk is OpenClaw's own retry, t-ops failed on a live login");

        // The retry is remembered across a restart: a new process does not run it again for the same cause.
        await h.Monitor.FlushAsync();
        using (var restarted = new MonitorHarness(db, time, id => id == "main" ? main : null, options, sink: new RecordingSink(), retrier: retrier))
        {
            await restarted.Pass();
            Calls(calls).Should().HaveCount(1);
        }

        // The login dies and comes back: one more retry.
        main = Dead;
        await h.Pass(full: true);
        main = Live;
        await h.Pass(full: true);
        Calls(calls).Should().HaveCount(2);

        // A third turn within the hour is held back by the cap (2 per hour) until the hour has passed.
        main = Dead;
        await h.Pass(full: true);
        main = Live;
        await h.Pass(full: true);
        Calls(calls).Should().HaveCount(2);
        h.AllLogText().Should().Contain("held back");
        time.Advance(TimeSpan.FromMinutes(61));
        await h.Pass(full: true);
        Calls(calls).Should().HaveCount(3);

        db.Exec("UPDATE task_runs SET delivery_status='delivered', last_event_at=@t WHERE task_id='t-blk'", ("@t", LedgerDb.Ms(time.GetUtcNow())));
        await h.Pass();
        var done = h.Sink.Resolved.Should().ContainSingle().Subject;
        done.Outcome.Should().Be(TaskOutcome.Delivered);
        done.Retries.Should().HaveCount(3).And.OnlyContain(r => r.Outcome == TaskRetryOutcomes.Ok);
        TaskAlertMapper.FollowUp(done).Should().Contain("after CredWatch's retry").And.Contain("`openclaw tasks retry t-blk`");
    }

    [Fact]
    public async Task A_retry_that_never_reached_the_gateway_does_not_use_up_the_cause_and_is_tried_again_a_minute_later()
    {
        using var db = new LedgerDb();
        Blocked(db, "t-blk", "main", LedgerDb.Ms(LedgerScenario.Now.AddMinutes(-40)));
        var main = Dead;
        var time = new FakeTimeProvider(LedgerScenario.Now);
        var (bin, calls) = Shim("echo 'Gateway not reachable at ws://127.0.0.1:45999 (ECONNREFUSED).' >&2\nexit 1");
        using var h = new MonitorHarness(db, time, _ => main, new TaskLedgerOptions { AutoRetry = true },
            retrier: new OpenClawTaskRetrier(bin, Installation(db.Root), TimeSpan.FromSeconds(60)));
        await h.Pass();
        main = Live;
        await h.Pass(full: true);
        Calls(calls).Should().HaveCount(1);
        h.AutoRetry!.Totals[TaskRetryOutcomes.NoGateway].Should().Be(1);

        await h.Pass(full: true);
        Calls(calls).Should().HaveCount(1, "the next try waits a minute");
        time.Advance(TimeSpan.FromSeconds(61));
        await h.Pass(full: true);
        Calls(calls).Should().HaveCount(2, "the login's turn to live was not spent on a retry OpenClaw never saw");
    }

    [Fact]
    public async Task Auto_retry_without_an_executable_says_it_is_unavailable_once_and_runs_nothing()
    {
        using var db = new LedgerDb();
        Blocked(db, "t-blk", "main", LedgerDb.Ms(LedgerScenario.Now.AddMinutes(-40)));
        var main = Dead;
        var options = new TaskLedgerOptions { AutoRetry = true };
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now), _ => main, options,
            retrier: new OpenClawTaskRetrier(null, Installation(null), TimeSpan.FromSeconds(5)));
        await h.Pass();
        main = Live;
        await h.Pass(full: true);

        h.AutoRetry!.Available.Should().BeFalse();
        h.AutoRetry.UnavailableReason.Should().Contain("no `openclaw` executable");
        h.AutoRetry.Totals.Values.Should().OnlyContain(v => v == 0);
        h.RetryLogger.Collector.GetSnapshot().Where(r => r.Message.Contains("unavailable", StringComparison.Ordinal)).Should().ContainSingle();
    }

    [Theory]
    [InlineData(0, "Retried 1 completion delivery. Ambiguous prior acknowledgements may still produce a duplicate visible result.", "", "ok", null)]
    [InlineData(1, "", "t-1: completion delivery is not blocked", "refused", "completion delivery is not blocked")]
    [InlineData(1, "", "t-1: completion delivery redrive limit reached", "refused", "completion delivery redrive limit reached")]
    [InlineData(1, "", "Gateway not reachable at ws://127.0.0.1:45999 (ECONNREFUSED).\nStart it with `openclaw gateway run` or check `openclaw gateway status`.", "no_gateway", "Gateway not reachable at ws://127.0.0.1:45999 (ECONNREFUSED).")]
    [InlineData(1, "", "gateway tasks.retry requires credentials before opening a websocket\nFix: configure gateway.auth token/password", "no_gateway", "gateway tasks.retry requires credentials before opening a websocket")]
    [InlineData(1, "", "Task registry restore failed: another OpenClaw process owns state-lifecycle", "busy", "Task registry restore failed: another OpenClaw process owns state-lifecycle")]
    public void OpenClaw_answers_map_to_outcomes(int exit, string stdout, string stderr, string outcome, string? detail)
    {
        var (o, d) = OpenClawTaskRetrier.Classify(exit, stdout, stderr, "t-1");
        o.Should().Be(outcome);
        d.Should().Be(detail);
    }

    [RealOpenClawFact]
    public async Task Real_openclaw_tasks_retry_reports_no_gateway_for_a_known_task_and_refuses_an_unknown_one()
    {
        using var db = new LedgerDb();
        Blocked(db, "t-real", "main", LedgerDb.Ms(DateTimeOffset.UtcNow.AddMinutes(-40)));

        // The gateway this home names is not running: the CLI finds the task in the ledger, then cannot hand it over.
        await File.WriteAllTextAsync(Path.Combine(db.Root, "openclaw.json"),
            "{ gateway: { mode: 'local', port: " + FreeTcpPort.Next() + ", auth: { mode: 'token', token: 'cw-test-gateway-token-0123456789' } } }");
        var wrapper = Path.Combine(_dir, "bin", "openclaw");
        Directory.CreateDirectory(Path.GetDirectoryName(wrapper)!);
        await File.WriteAllTextAsync(wrapper, "#!/bin/sh\n"
            + $"export NODE_USE_ENV_PROXY=1 HTTP_PROXY={OpenClawProcesses.DeadProxy} HTTPS_PROXY={OpenClawProcesses.DeadProxy} NO_PROXY=127.0.0.1,localhost,::1 NO_COLOR=1 CI=1\n"
            + $"exec '{OpenClawInstall.NodeExecutable}' '{OpenClawInstall.CliScript}' \"$@\"\n");
        MakeExecutable(wrapper);
        var retrier = new OpenClawTaskRetrier(wrapper, Installation(db.Root), OpenClawRunner.DefaultTimeout);

        var (known, knownDetail) = await retrier.RetryAsync("t-real", CancellationToken.None);
        known.Should().Be(TaskRetryOutcomes.NoGateway, knownDetail);
        knownDetail.Should().Contain("Gateway not reachable");

        var (unknown, unknownDetail) = await retrier.RetryAsync("t-no-such-task", CancellationToken.None);
        unknown.Should().Be(TaskRetryOutcomes.Refused, unknownDetail);
        unknownDetail.Should().Contain("Task not found");
        FixtureSecrets.AssertNoSecret(knownDetail + unknownDetail, "retry details", ["cw-test-gateway-token-0123456789"]);
    }

    private static void Blocked(LedgerDb db, string id, string agent, long ended)
    {
        db.Upsert(new TaskRow
        {
            Id = id, CreatedAt = ended, EndedAt = ended, DeliveryStatus = "failed", Error = "delivery path none did not complete", TerminalOutcome = "blocked",
            AgentId = agent, RequesterSessionKey = $"agent:{agent}:telegram:group:-1001234567890:topic:42",
        });
        db.SubagentRun("run-" + id, $"agent:{agent}:subagent:{id}", $"agent:{agent}:telegram:group:-1001234567890:topic:42",
            """{"status":"suspended","suspendedReason":"expiry","disposition":"permanent_failure","lastError":"delivery path none did not complete","attemptCount":9,"generation":1}""", ended);
    }

    private (string Bin, string Calls) Shim(string answer)
    {
        var calls = Path.Combine(_dir, "calls.txt");
        var bin = Path.Combine(_dir, "openclaw");
        File.WriteAllText(bin, $"#!/bin/sh\necho \"$*|$OPENCLAW_STATE_DIR|$HOME\" >> '{calls}'\n{answer}\n");
        MakeExecutable(bin);
        return (bin, calls);
    }

    private static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string[] Calls(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];

    /// <summary>HOME is this test's dir; the state dir the ledger's (as CredWatch:Stores:OpenClawStateDir).</summary>
    private OpenClawInstallation Installation(string? stateDir) => new(stateDir, new PathEnvironment(_dir, _ => null));
}
