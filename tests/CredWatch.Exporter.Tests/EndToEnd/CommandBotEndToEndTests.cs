using CredWatch.Exporter.Tests.RealOpenClaw;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Anthropic;
using CredWatch.TestSupport.OpenClaw;
using CredWatch.TestSupport.Telegram;

namespace CredWatch.Exporter.Tests.EndToEnd;

/// <summary>
/// The recovery loop driven from the chat, on the real OpenClaw 2026.9.6 gateway, offline: the seed's finished child
/// result is blocked (as in <see cref="RecoveryLoopEndToEndTests"/>), CredWatch (no auto-retry, a command bot of its
/// own) sends the alert with the "Retry delivery" button; a stranger's press is refused, the operator's press while the
/// login is dead runs nothing, and after the re-login the operator's press runs the real <c>openclaw tasks retry</c>
/// through the running gateway and the result is delivered. The gateway long-polls its own token the whole time and
/// never sees a 409. Deadlines are CI slack; nothing asserts wall-clock timings.
/// </summary>
[Collection(RealOpenClawSerial.Name)]
public sealed class CommandBotEndToEndTests
{
    private const string CommandToken = "555000111:FIXTUREcommandBOT000000000000000000000";
    private const string TopicSessionKey = "agent:main:telegram:group:-100123:topic:42";
    private const string TopicChat = "-100123";
    private const int TopicThread = 42;
    private const long Stranger = 777;

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(240);

    [RealOpenClawFact]
    public async Task Operator_presses_Retry_delivery_after_the_relogin_and_the_blocked_result_is_delivered()
    {
        SeedConversation? seed = null;
        await using var s = await GatewayScenario.CreateAsync("e2e-cmdbot", [Fakes.Fresh("anthropic:default", Fakes.InHours(6))], home =>
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

        var tokenFile = Path.Combine(s.Home.Root, "command-bot.token");
        await File.WriteAllTextAsync(tokenFile, CommandToken + "\n");
        var gateway = await GatewayProcess.StartAsync(s.Home);
        await using var credwatch = await CredWatchProcess.StartDaemonAsync(s.Home.Root, s.CredWatchStateDir,
            new Dictionary<string, string> { ["CREDWATCH_TASKS__OPENCLAWBIN"] = wrapper }, ["--telegram.command-bot-token-file", tokenFile]);
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
            await Eventually.Until(() => FromCommandBot(s.Bot).Any(m => m.Text!.Contains(taskId!, StringComparison.Ordinal)), Generous, "the alert, sent by the command bot");
        }
        finally
        {
            await gateway.DisposeAsync();
        }

        var alert = FromCommandBot(s.Bot).First(m => m.Text!.Contains(taskId!, StringComparison.Ordinal));
        alert.MessageThreadId.Should().Be(TopicThread);
        alert.CallbackData.Should().Equal("retry:" + taskId);

        OpenClawStateDatabase.ExpireAnnounceDeadlines(s.Home, DateTimeOffset.UtcNow.AddMinutes(-1)).Should().BeGreaterThan(0);
        await using var restarted = await GatewayProcess.StartAsync(s.Home);
        await Eventually.Until(
            () => OpenClawStateDatabase.Query(s.Home.StateDatabasePath, $"""
                SELECT 1 FROM task_runs t JOIN subagent_runs r ON r.run_id = t.run_id
                 WHERE t.task_id = '{taskId}' AND json_extract(r.payload_json, '$.delivery.status') = 'suspended'
                """).Count == 1,
            Generous, "OpenClaw blocked the completion (delivery suspended)");

        // A stranger's press: refused with an answer and a log line. The operator's press while the login is dead: nothing runs.
        s.Bot.InjectButtonPress(CommandToken, long.Parse(TopicChat, System.Globalization.CultureInfo.InvariantCulture), Stranger, "retry:" + taskId, TopicThread);
        await Eventually.Until(() => s.Bot.Requests.Any(r => r.Token == CommandToken && r.Method == "answerCallbackQuery" && r.Text!.StartsWith("Not allowed", StringComparison.Ordinal)), Generous, "the stranger is refused");
        await Eventually.Until(() => credwatch.Output.Contains($"refused retry from user {Stranger}", StringComparison.Ordinal), Generous, "the refusal's log line");
        var dead = await PressAsync(s.Bot, taskId!);
        dead.Should().Contain("Not retried: the login").And.Contain("openclaw models auth login");
        File.Exists(calls).Should().BeFalse("neither press may spend a redrive");

        // The operator logs in again and restarts the gateway; then presses until CredWatch has seen the live login.
        await restarted.DisposeAsync();
        OpenClawStateDatabase.ReplaceSharedLogin(s.Home, "anthropic:default", Fakes.FreshAccess, Fakes.FreshRefresh, Fakes.InHours(6));
        var logBefore = new FileInfo(s.Home.LogFile).Length;
        await using var relogged = await GatewayProcess.StartAsync(s.Home);

        // 2026.9.6 loses a redrive that lands while the new gateway is still running its post-ready delivery recovery
        // (the retried announce is aborted, "subagent source lifecycle changed before completion delivery", and ends
        // as an intentional non-delivery that cannot be retried again). An operator presses seconds later, not within
        // the gateway's first second; wait until this gateway started cron and its delivery queue is drained.
        await Eventually.Until(
            () => ReadFrom(s.Home.LogFile, logBefore).Contains("\"cron: started\"", StringComparison.Ordinal)
                && OpenClawStateDatabase.Query(s.Home.StateDatabasePath, "SELECT 1 FROM delivery_queue_entries WHERE status NOT IN ('completed', 'failed')").Count == 0,
            Generous, "the re-logged gateway finished its start-up delivery recovery");
        string? accepted = null;
        await Eventually.UntilAsync(
            async () =>
            {
                var reply = await PressAsync(s.Bot, taskId!);
                accepted = reply.Contains("OpenClaw accepted the retry", StringComparison.Ordinal) ? reply : null;
                return accepted is not null;
            },
            Generous,
            "a press after the re-login runs the real openclaw tasks retry and OpenClaw accepts it");
        try
        {
            await Eventually.Until(
                () => OpenClawStateDatabase.Query(s.Home.StateDatabasePath, $"SELECT 1 FROM task_runs WHERE task_id = '{taskId}' AND delivery_status = 'delivered'").Count == 1,
                Generous, "OpenClaw delivered the re-driven completion");
        }
        catch (TimeoutException ex)
        {
            var run = OpenClawStateDatabase.Query(s.Home.StateDatabasePath, $"""
                SELECT t.delivery_status, t.status, t.error, json_extract(r.payload_json, '$.delivery') AS delivery
                  FROM task_runs t JOIN subagent_runs r ON r.run_id = t.run_id WHERE t.task_id = '{taskId}'
                """);
            var gatewayLog = relogged.StdOut + relogged.StdErr;
            throw new Xunit.Sdk.XunitException($"{ex.Message}\nledger: {string.Join("; ", run.Select(r => r.ToJsonString()))}\n"
                + $"accepted: {accepted}\ngateway (tail): {(gatewayLog.Length <= 4000 ? gatewayLog : gatewayLog[^4000..])}");
        }
        await Eventually.Until(() => FromCommandBot(s.Bot).Any(m => m.Text!.Contains("Delivered:", StringComparison.Ordinal)), Generous, "the follow-up");

        var followUp = FromCommandBot(s.Bot).Single(m => m.Text!.Contains("Delivered:", StringComparison.Ordinal));
        followUp.MessageThreadId.Should().Be(TopicThread);
        followUp.Text.Should().Contain($"CredWatch ran <code>openclaw tasks retry {taskId}</code>");
        (await File.ReadAllLinesAsync(calls)).Should().NotBeEmpty().And.OnlyContain(l => l == $"tasks retry {taskId}");

        // The gateway polled its own token throughout and was never cut off; CredWatch polled only its own.
        s.Bot.Requests.Should().Contain(r => r.Token == GatewayScenario.BotToken && r.Method == "getUpdates");
        s.Bot.GetUpdatesConflicts.Should().Be(0, "CredWatch never polls the gateway's bot");
        s.Bot.SetWebhookCalls.Should().Be(0);
        FixtureSecrets.AssertNoSecret(credwatch.Output, "credwatch output", [GatewayScenario.BotToken, CommandToken, relogged.Token]);
        foreach (var m in FromCommandBot(s.Bot))
        {
            FixtureSecrets.AssertNoSecret(m.Text ?? "", "CredWatch message", [GatewayScenario.BotToken, CommandToken, SeedConversation.ChildMarker, seed!.ChildReply]);
        }
    }

    private static string ReadFrom(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The operator (the gateway's allowFrom) presses the button; returns the command bot's answer.</summary>
    private static async Task<string> PressAsync(BotApiTestServer bot, string taskId)
    {
        var before = Replies(bot).Count();
        bot.InjectButtonPress(CommandToken, long.Parse(TopicChat, System.Globalization.CultureInfo.InvariantCulture), GatewayScenario.OperatorChat, "retry:" + taskId, TopicThread);
        await Eventually.Until(() => Replies(bot).Count() > before, Generous, "the command bot answers the press");
        return Replies(bot).Last().Text!;
    }

    private static IEnumerable<BotApiRequest> FromCommandBot(BotApiTestServer bot) =>
        bot.DeliveredMessages.Where(m => m.Token == CommandToken && m.ChatId == TopicChat && m.Text is not null);

    private static IEnumerable<BotApiRequest> Replies(BotApiTestServer bot) =>
        FromCommandBot(bot).Where(m => !m.Text!.Contains("<b>CredWatch</b>", StringComparison.Ordinal));
}
