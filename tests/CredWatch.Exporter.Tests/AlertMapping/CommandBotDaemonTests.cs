using System.Text.Json.Nodes;
using CredWatch.Exporter.Tasks;
using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.Tests.Tasks;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Telegram;
using Microsoft.Extensions.DependencyInjection;

namespace CredWatch.Exporter.Tests.AlertMapping;

/// <summary>
/// The real daemon with a command bot (<c>Telegram:CommandBot</c>): the real Telegram.Bot client long-polls the
/// loopback Bot API with the command bot's token only; the blocked result's alert carries the "Retry delivery"
/// button; presses and commands of allowed users (OpenClaw's own <c>allowFrom</c>) run the retry through an executable
/// standing in for <c>openclaw</c>, strangers are refused with an answer and a log line.
/// </summary>
[Collection(InProcessDaemons.Name)]
public sealed class CommandBotDaemonTests
{
    private const string CommandToken = "987654321:FIXTUREcommandBOTxxxxxxxxxxxxxxxxxxxxxx";
    private const long Group = -1001234567890;
    private const long Owner = 4242;
    private const long Colleague = 5151;
    private const long Stranger = 999;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Allowed_users_retry_from_the_button_and_read_the_status_strangers_are_refused_and_the_gateway_is_never_polled()
    {
        await using var env = await AlertingHome.CreateAsync();
        WriteOpenClawConfig(env);
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
        var config = env.Config(db.Path_);
        config["CredWatch:Tasks:OpenClawBin"] = FakeOpenClaw(env, calls);
        config["CredWatch:Telegram:CommandBot:TokenFile"] = env.Home.Write("command-bot.token", CommandToken + "\n");
        config["CredWatch:Telegram:CommandBot:PollTimeout"] = "00:00:01";
        var daemon = await DaemonHarness.StartAsync(env.Home, config);
        try
        {
            // The alert goes out through the command bot (a button's press reaches only the bot that sent it), in its topic.
            await Eventually.Until(() => Sent(env, CommandToken).Any(m => m.Text!.Contains("t-hr", StringComparison.Ordinal)), Deadline, "the alert with its button");
            var alert = Sent(env, CommandToken).First(m => m.Text!.Contains("t-hr", StringComparison.Ordinal));
            alert.MessageThreadId.Should().Be(42);
            alert.CallbackData.Should().Equal("retry:t-hr");
            alert.Text.Should().Contain("openclaw tasks retry t-hr", "the command stays in the text for whoever prefers the terminal");

            // A stranger's press and command: refused, answered, logged; nothing runs.
            env.Server.InjectButtonPress(CommandToken, Group, Stranger, "retry:t-hr", 42);
            env.Server.InjectUserMessage(CommandToken, Group, Stranger, "/retry@fixture_bot t-hr", 42);
            await Eventually.Until(() => env.Server.Requests.Any(r => r.Token == CommandToken && r.Method == "answerCallbackQuery" && r.Text!.StartsWith("Not allowed", StringComparison.Ordinal)), Deadline, "the stranger's press is answered with a refusal");
            await Eventually.Until(() => Replies(env).Any(m => m.Text!.StartsWith("Not allowed", StringComparison.Ordinal) && m.MessageThreadId == 42), Deadline, "the stranger's /retry is answered with a refusal");
            await Eventually.Until(() => Count(daemon.Logs.Text, $"refused retry from user {Stranger}") == 2, Deadline, "both refusals are logged");

            // An allowed user (allowFrom "tg:4242") while the login is still a stale copy: not run, with the reason.
            env.Server.InjectButtonPress(CommandToken, Group, Owner, "retry:t-hr", 42);
            await Eventually.Until(() => Replies(env).Any(m => m.Text!.Contains("Not retried: the login", StringComparison.Ordinal)), Deadline, "the refusal while the login is dead");
            Replies(env).Single(m => m.Text!.Contains("Not retried", StringComparison.Ordinal)).Text.Should().Contain("stale").And.Contain("openclaw models auth login");

            // /status: the check summary (a command addressed to another bot in the group is not ours: no answer).
            env.Server.InjectUserMessage(CommandToken, Group, Owner, "/status@gateway_bot", 42);
            env.Server.InjectUserMessage(CommandToken, Owner, Owner, "/status");
            await Eventually.Until(() => Replies(env).Any(m => m.ChatIdNumber == Owner && m.Text!.Contains("CREDWATCH", StringComparison.Ordinal)), Deadline, "the /status answer");
            var status = Replies(env).Single(m => m.ChatIdNumber == Owner);
            status.Text.Should().StartWith("<pre>CREDWATCH ").And.Contain("hr-bp");
            Replies(env).Should().NotContain(m => m.ChatIdNumber == Group && m.Text!.Contains("CREDWATCH", StringComparison.Ordinal), "/status@gateway_bot was for another bot");
            File.Exists(calls).Should().BeFalse();

            // The login is fixed; the colleague (numeric allowFrom 5151 of account ops) presses: OpenClaw's retry runs once.
            var main = await File.ReadAllTextAsync(Path.Combine(env.Home.AgentDir("main"), "auth-profiles.json"));
            env.Home.AtomicReplace(Path.Combine(env.Home.AgentDir("hr-bp"), "auth-profiles.json"), main);
            var logins = daemon.App.Services.GetRequiredService<IAgentLoginStateSource>();
            await Eventually.Until(() => logins.Get("hr-bp") is { LoginBroken: false }, Deadline, "hr-bp's login is live again");
            env.Server.InjectButtonPress(CommandToken, Group, Colleague, "retry:t-hr", 42);
            await Eventually.Until(() => Replies(env).Any(m => m.Text!.Contains("OpenClaw accepted the retry of task t-hr", StringComparison.Ordinal)), Deadline, "the retry's report");
            (await File.ReadAllLinesAsync(calls)).Should().Equal("tasks retry t-hr");
            var metrics = await daemon.Client.GetStringAsync("/metrics");
            Scrape.Value(metrics, "credwatch_command_bot_commands_total", ("command", "retry"), ("outcome", "ok")).Should().Be(1);
            Scrape.Value(metrics, "credwatch_command_bot_commands_total", ("command", "retry"), ("outcome", "denied")).Should().Be(2);
            Scrape.Value(metrics, "credwatch_command_bot_commands_total", ("command", "retry"), ("outcome", "login_dead")).Should().Be(1);
            Scrape.Value(metrics, "credwatch_command_bot_commands_total", ("command", "status"), ("outcome", "ok")).Should().Be(1);
            Scrape.Value(metrics, "credwatch_task_retries_total", ("outcome", "ok")).Should().Be(1);

            // OpenClaw delivers: the follow-up, once, from the same bot, names the retry and has no button.
            db.Exec("UPDATE task_runs SET delivery_status='delivered', last_event_at=@t WHERE task_id='t-hr'", ("@t", LedgerDb.Ms(DateTimeOffset.UtcNow)));
            await Eventually.Until(() => Sent(env, CommandToken).Any(m => m.Text!.Contains("Delivered:", StringComparison.Ordinal)), Deadline, "the follow-up");
            var followUp = Sent(env, CommandToken).Single(m => m.Text!.Contains("Delivered:", StringComparison.Ordinal));
            followUp.MessageThreadId.Should().Be(42);
            followUp.Text.Should().Contain("after CredWatch").And.Contain("openclaw tasks retry t-hr");
            followUp.CallbackData.Should().BeEmpty();
        }
        finally
        {
            await daemon.DisposeAsync();
        }

        // The offset survives a restart: the next poll confirms every update already handled, nothing runs again.
        var offsetFile = Path.Combine(env.Home.StateDir, "alerts", "command-bot-offset");
        var saved = long.Parse((await File.ReadAllTextAsync(offsetFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        saved.Should().Be(7, "six updates were handled (ids 1–6)");
        var before = env.Server.Requests.Count;
        await using (var again = await DaemonHarness.StartAsync(env.Home, config))
        {
            await Eventually.Until(() => env.Server.Requests.Skip(before).Any(r => r.Token == CommandToken && r.Method == "getUpdates"), Deadline, "the restarted bot polls");
            var first = env.Server.Requests.Skip(before).First(r => r.Token == CommandToken && r.Method == "getUpdates");
            ((long?)JsonNode.Parse(first.Body)?["offset"]).Should().Be(7);
        }

        (await File.ReadAllLinesAsync(calls)).Should().HaveCount(1);

        // The gateway's token was only ever used to send: never getUpdates, never a webhook, never a 409.
        env.Server.Requests.Where(r => r.Token == AlertingHome.BotToken).Should().OnlyContain(r => r.Method == "sendMessage");
        env.Server.Requests.Where(r => r.Token == CommandToken).Select(r => r.Method).Distinct()
            .Should().BeSubsetOf(["getMe", "getUpdates", "sendMessage", "answerCallbackQuery"]);
        env.Server.GetUpdatesConflicts.Should().Be(0);
        foreach (var r in env.Server.Requests)
        {
            FixtureSecrets.AssertNoSecret(r.Text ?? string.Empty, "Telegram message", [AlertingHome.BotToken, CommandToken, LedgerDb.SecretResult, LedgerDb.SecretTaskTail]);
        }

        File.ReadAllText(offsetFile).Should().NotContain(CommandToken);
    }

    [Fact]
    public async Task A_command_bot_with_the_gateways_own_token_stops_the_daemon_with_one_line_before_any_poll()
    {
        await using var env = await AlertingHome.CreateAsync();
        var tokenFile = env.Home.Write("command-bot.token", AlertingHome.BotToken);
        var (code, stdout, stderr) = await CredWatchProcess.RunAsync(
            ["run", "--home", env.Home.Home, "--state-dir", env.Home.StateDir, "--web.listen-address", "127.0.0.1:0", "--telegram.command-bot-token-file", tokenFile],
            extraSecrets: [AlertingHome.BotToken]);
        code.Should().Be(3, stdout + stderr);
        stderr.Split('\n').Where(l => l.StartsWith("credwatch:", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Contain("configuration error").And.Contain("gateway's own bot token").And.Contain("409");
        stderr.Should().NotContain("   at ", "one line, no stack trace");
        env.Server.Requests.Should().NotContain(r => r.Method == "getUpdates");
    }

    private static void WriteOpenClawConfig(AlertingHome env) =>
        env.Home.Write(".openclaw/openclaw.json", $$"""
            {
              channels: {
                telegram: {
                  botToken: "{{AlertingHome.BotToken}}",
                  apiRoot: "{{env.Server.BaseUrl.ToString().TrimEnd('/')}}",
                  defaultTo: "{{AlertingHome.DefaultChat}}",
                  dmPolicy: 'allowlist',
                  allowFrom: ["tg:{{Owner}}", "*"],
                  accounts: { default: {}, ops: { allowFrom: [{{Colleague}}] } },
                },
              },
            }
            """);

    private static string FakeOpenClaw(AlertingHome env, string calls)
    {
        var bin = Path.Combine(env.Home.Root, "bin", "openclaw");
        Directory.CreateDirectory(Path.GetDirectoryName(bin)!);
        File.WriteAllText(bin, $"#!/bin/sh\necho \"$*\" >> '{calls}'\necho 'Retried 1 completion delivery.'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return bin;
    }

    private static IEnumerable<BotApiRequest> Sent(AlertingHome env, string token) =>
        env.Server.DeliveredMessages.Where(m => m.Token == token);

    /// <summary>The command bot's answers (not alerts: those start with the CredWatch header).</summary>
    private static IEnumerable<BotApiRequest> Replies(AlertingHome env) =>
        Sent(env, CommandToken).Where(m => !m.Text!.Contains("<b>CredWatch</b>", StringComparison.Ordinal));

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
