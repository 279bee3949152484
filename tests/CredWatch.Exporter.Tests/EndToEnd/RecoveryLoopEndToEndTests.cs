using CredWatch.Exporter.Tests.RealOpenClaw;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Anthropic;
using CredWatch.TestSupport.OpenClaw;
using CredWatch.TestSupport.Telegram;

namespace CredWatch.Exporter.Tests.EndToEnd;

/// <summary>
/// The recovery loop on the real OpenClaw 2026.9.6 gateway, offline: the seed's finished child result is at risk,
/// OpenClaw gives up on it (its delivery deadline moved into the past while the gateway is stopped; on restore it
/// blocks the completion at once), CredWatch (<c>--tasks.auto-retry</c>) runs nothing while the login is dead, the
/// login is made live again (with a gateway restart: the running 2026.9.6 gateway keeps its own copy of the auth store),
/// CredWatch runs the real <c>openclaw tasks retry</c>, the result is delivered, and the requester's topic gets one
/// "Delivered" follow-up listing the retries. Observed: a retry landing while the new gateway starts is answered "another
/// OpenClaw process owns state-lifecycle" (busy, not counted as spent); who delivered first is not asserted. Deadlines are CI slack; nothing asserts wall-clock timings.
/// </summary>
[Collection(RealOpenClawSerial.Name)]
public sealed class RecoveryLoopEndToEndTests
{
    private const string TopicSessionKey = "agent:main:telegram:group:-100123:topic:42";
    private const string TopicChat = "-100123";
    private const int TopicThread = 42;

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(240);

    [RealOpenClawFact]
    public async Task Blocked_completion_is_retried_by_CredWatch_after_the_relogin_and_reported_delivered_once_in_its_topic()
    {
        SeedConversation? seed = null;
        await using var s = await GatewayScenario.CreateAsync("e2e-recovery", [Fakes.Fresh("anthropic:default", Fakes.InHours(6))], home =>
        {
            seed = new SeedConversation(_ =>
            {
                OpenClawStateDatabase.SetSharedProfileExpiry(home, "anthropic:default", DateTimeOffset.UtcNow.AddMinutes(-1));
                return Task.CompletedTask;
            });
            return seed.Script;
        });
        await s.MigrateAsync();
        s.Doctor!.EnsureSuccess();

        // What an operator's `openclaw` on PATH is (offline, tagged), recording each run for the assertions.
        var calls = Path.Combine(s.Home.Root, "retry-calls.txt");
        var wrapper = Path.Combine(s.Home.Root, "bin", "openclaw");
        Directory.CreateDirectory(Path.GetDirectoryName(wrapper)!);
        await File.WriteAllTextAsync(wrapper, "#!/bin/sh\n"
            + $"echo \"$*\" >> '{calls}'\n"
            + $"export NODE_USE_ENV_PROXY=1 HTTP_PROXY={OpenClawProcesses.DeadProxy} HTTPS_PROXY={OpenClawProcesses.DeadProxy} NO_PROXY=127.0.0.1,localhost,::1 NO_COLOR=1 CI=1 {OpenClawProcesses.MarkerVariable}={s.Home.ScratchId}\n"
            + $"exec '{OpenClawInstall.NodeExecutable}' '{OpenClawInstall.CliScript}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var gateway = await GatewayProcess.StartAsync(s.Home);
        await using var credwatch = await CredWatchProcess.StartDaemonAsync(s.Home.Root, s.CredWatchStateDir,
            new Dictionary<string, string> { ["CREDWATCH_TASKS__OPENCLAWBIN"] = wrapper }, ["--tasks.auto-retry"]);
        string? taskId = null;
        try
        {
            (await gateway.AgentTurnAsync("Please spawn a helper", TopicSessionKey, timeout: Generous)).EnsureSuccess();
            await seed!.ChildHandled.WaitAsync(Generous);
            await Eventually.Until(
                () =>
                {
                    var rows = OpenClawStateDatabase.Query(s.Home.StateDatabasePath, $"""
                        SELECT t.task_id FROM task_runs t JOIN subagent_runs r ON r.run_id = t.run_id
                         WHERE t.runtime = 'subagent' AND t.status = 'succeeded' AND t.delivery_status = 'pending'
                           AND t.requester_session_key = '{TopicSessionKey}'
                           AND json_extract(r.payload_json, '$.delivery.attemptCount') >= 1
                        """);
                    taskId = rows.Count == 1 ? rows[0]["task_id"]!.GetValue<string>() : null;
                    return taskId is not null;
                },
                Generous,
                "OpenClaw records the first failed announce: the finished child's result is at risk");
            await Eventually.Until(() => Alerts(s.Bot).Any(m => m.Text!.Contains(taskId!, StringComparison.Ordinal)), Generous, "the at-risk alert in the topic");
        }
        finally
        {
            await gateway.DisposeAsync();
        }

        // OpenClaw gives up: the window's deadline is in the run's delivery record; on restore the gateway blocks the completion.
        OpenClawStateDatabase.ExpireAnnounceDeadlines(s.Home, DateTimeOffset.UtcNow.AddMinutes(-1)).Should().BeGreaterThan(0);
        await using var restarted = await GatewayProcess.StartAsync(s.Home);
        await Eventually.Until(
            () => OpenClawStateDatabase.Query(s.Home.StateDatabasePath, $"""
                SELECT 1 FROM task_runs t JOIN subagent_runs r ON r.run_id = t.run_id
                 WHERE t.task_id = '{taskId}' AND json_extract(r.payload_json, '$.delivery.status') = 'suspended'
                """).Count == 1,
            Generous, "OpenClaw blocked the completion (delivery suspended)");
        File.Exists(calls).Should().BeFalse("the login is still dead: CredWatch must not spend a redrive on it");

        // The operator logs in again and restarts the gateway (2026.9.6's running gateway keeps its own copy of the
        // auth store: an external write alone leaves it on the fence). CredWatch sees the login live and retries; a try
        // while the gateway is down does not count, the one through the new gateway does, and OpenClaw delivers.
        await restarted.DisposeAsync();
        OpenClawStateDatabase.ReplaceSharedLogin(s.Home, "anthropic:default", Fakes.FreshAccess, Fakes.FreshRefresh, Fakes.InHours(6));
        await using var relogged = await GatewayProcess.StartAsync(s.Home);
        await Eventually.Until(() => File.Exists(calls), Generous, "CredWatch ran openclaw tasks retry");
        await Explained(() => Eventually.Until(() => credwatch.Output.Contains($"Retry of task result {taskId}:", StringComparison.Ordinal), Generous, "the retry's outcome line"));
        await Explained(() => Eventually.Until(
            () => OpenClawStateDatabase.Query(s.Home.StateDatabasePath, $"SELECT 1 FROM task_runs WHERE task_id = '{taskId}' AND delivery_status = 'delivered'").Count == 1,
            Generous, "OpenClaw delivered the re-driven completion"));
        await Explained(() => Eventually.Until(() => Alerts(s.Bot).Any(m => m.Text!.Contains("Delivered:", StringComparison.Ordinal)), Generous, "the follow-up"));

        async Task Explained(Func<Task> wait)
        {
            try
            {
                await wait();
            }
            catch (TimeoutException ex)
            {
                var run = OpenClawStateDatabase.Query(s.Home.StateDatabasePath, $"""
                    SELECT t.delivery_status, t.status, t.error, json_extract(r.payload_json, '$.delivery') AS delivery
                      FROM task_runs t JOIN subagent_runs r ON r.run_id = t.run_id WHERE t.task_id = '{taskId}'
                    """);
                var auth = OpenClawStateDatabase.Query(s.Home.StateDatabasePath,
                    "SELECT state_key, substr(value_json, 1, 1500) AS v FROM config_machine_state WHERE state_key = 'authProfiles.state'");
                throw new Xunit.Sdk.XunitException($"{ex.Message}\nledger: {string.Join("; ", run.Select(r => r.ToJsonString()))}\nauth state: {string.Join("; ", auth.Select(r => r.ToJsonString()))}\n"
                    + $"credwatch: {string.Join('\n', credwatch.Output.Split('\n').Where(l => l.Contains("Retr", StringComparison.Ordinal)))}\ngateway (tail): {Tail(relogged.StdOut + relogged.StdErr)}");
            }
        }

        var followUp = Alerts(s.Bot).Single(m => m.Text!.Contains("Delivered:", StringComparison.Ordinal));
        followUp.MessageThreadId.Should().Be(TopicThread);
        followUp.Text.Should().Contain(taskId!).And.Contain($"CredWatch ran <code>openclaw tasks retry {taskId}</code>", "each retry CredWatch ran is part of the follow-up");
        var runs = await File.ReadAllLinesAsync(calls);
        runs.Should().NotBeEmpty().And.OnlyContain(l => l == $"tasks retry {taskId}");
        var metrics = await credwatch.ScrapeAsync();
        Scrape.Series(metrics).Where(x => x.Name == "credwatch_task_retries_total").Sum(x => x.Value).Should().Be(runs.Length, "each run is counted under its outcome");
        Alerts(s.Bot).Count(m => m.Text!.Contains(taskId!, StringComparison.Ordinal) && !m.Text.Contains("Delivered:", StringComparison.Ordinal))
            .Should().Be(1, "one alert, then one follow-up");
        s.Bot.GetUpdatesConflicts.Should().Be(0, "CredWatch never polls the gateway's bot");
        s.Bot.SetWebhookCalls.Should().Be(0);
        FixtureSecrets.AssertNoSecret(credwatch.Output, "credwatch output", [GatewayScenario.BotToken, restarted.Token, relogged.Token]);
        foreach (var m in Alerts(s.Bot))
        {
            FixtureSecrets.AssertNoSecret(m.Text ?? "", "CredWatch message", [GatewayScenario.BotToken, relogged.Token, SeedConversation.ChildMarker, seed!.ChildReply]);
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];

    /// <summary>CredWatch's messages to the topic's chat (the gateway's own replies there are the child's result or "ok").</summary>
    private static IEnumerable<BotApiRequest> Alerts(BotApiTestServer bot) =>
        bot.DeliveredMessages.Where(m => m.ChatId == TopicChat && m.Text is not null && m.Text.Contains("CredWatch", StringComparison.Ordinal));
}
