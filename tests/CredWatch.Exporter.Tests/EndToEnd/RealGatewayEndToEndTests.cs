using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.Tests.RealOpenClaw;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Anthropic;
using CredWatch.TestSupport.OpenClaw;
using CredWatch.TestSupport.Telegram;

namespace CredWatch.Exporter.Tests.EndToEnd;

/// <summary>
/// CredWatch end to end against the real OpenClaw 2026.9.6 gateway, offline: issue 10's "End to end with the real
/// gateway" (a dead login in the store, CredWatch started with nothing but the home alerts the bot's chat through the
/// gateway's own <c>apiRoot</c> while the gateway keeps polling and answering) and issue 11's "The seed, replayed live"
/// (the main agent spawns a child, the login dies while it works, the announce fails and OpenClaw keeps retrying:
/// CredWatch reports the dead login and the at-risk result, routed to the requester's topic, never quoting it).
/// Deadlines are generous (2-core CI, load); nothing asserts wall-clock timings.
/// </summary>
[Collection(RealOpenClawSerial.Name)]
public sealed class RealGatewayEndToEndTests(EndToEndFixture fixture) : IClassFixture<EndToEndFixture>
{
    private const string TopicSessionKey = "agent:main:telegram:group:-100123:topic:42";
    private const string TopicChat = "-100123";
    private const int TopicThread = 42;

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [RealOpenClawFact]
    public async Task Dead_login_is_alerted_through_the_gateways_own_bot_api_while_the_gateway_keeps_polling_and_answering()
    {
        var s = fixture.DeadLogin;
        s.Doctor!.EnsureSuccess();
        OpenClawStateDatabase.SharedProfile(s.Home, "anthropic:default")!["access"]!.GetValue<string>()
            .Should().Contain(":failed:access:", "doctor's offline refresh of the expired login leaves a failed fence");

        await using var gateway = await GatewayProcess.StartAsync(s.Home);
        await Eventually.Until(() => s.Bot.IsPolling(GatewayScenario.BotToken), Generous, "the gateway long-polls getUpdates on the loopback Bot API");

        await using var credwatch = await CredWatchProcess.StartDaemonAsync(s.Home.Root, s.CredWatchStateDir);
        var pollsAtStart = GetUpdatesCount(s.Bot);

        // The store alone is enough: CredWatch knows the login is dead before any user writes.
        await Eventually.UntilAsync(async () => (await credwatch.Client.GetStringAsync("/api/status")).Contains("relogin_required", StringComparison.Ordinal),
            Generous, "/api/status reports the failed fence as relogin_required");
        var (code, checkOut, checkErr) = await CredWatchProcess.RunAsync(["check", "--home", s.Home.Root, "--state-dir", s.CredWatchStateDir]);
        var check = checkOut + checkErr;
        code.Should().Be(2, check);
        check.Should().Contain("relogin_required").And.Contain("openclaw models auth login --provider anthropic --profile-id 'anthropic:default'");

        await Eventually.Until(() => CredWatchAlerts(s.Bot, GatewayScenario.OperatorChat.ToString(System.Globalization.CultureInfo.InvariantCulture)).Any(m => m.Text!.Contains("openclaw models auth login", StringComparison.Ordinal)),
            Generous, "CredWatch's relogin alert, with the repair command, reaches the operator's chat via the gateway's apiRoot");

        // The gateway still serves users while CredWatch runs: a user's message gets OpenClaw's own answer.
        var before = s.Bot.DeliveredMessages.Count;
        s.Bot.InjectUserMessage(GatewayScenario.BotToken, GatewayScenario.OperatorChat, GatewayScenario.OperatorChat, "hello, are you there?");
        await Eventually.Until(
            () => s.Bot.DeliveredMessages.Skip(before).Any(m => m.ChatIdNumber == GatewayScenario.OperatorChat && m.Text?.Contains("Authentication failed", StringComparison.Ordinal) == true),
            TimeSpan.FromSeconds(180),
            "the gateway picks the user's message up from getUpdates and answers it (its own auth-failure reply)");
        await Eventually.Until(() => GetUpdatesCount(s.Bot) > pollsAtStart + 1 && s.Bot.IsPolling(GatewayScenario.BotToken), Generous, "the gateway keeps long-polling");

        gateway.HasExited.Should().BeFalse();
        credwatch.HasExited.Should().BeFalse(credwatch.Output);
        s.Bot.GetUpdatesConflicts.Should().Be(0, "CredWatch never polls the gateway's bot");
        s.Bot.SetWebhookCalls.Should().Be(0, "CredWatch never sets a webhook");
        await AssertNothingLeaksAsync(s, gateway, credwatch, []);
    }

    [RealOpenClawFact]
    public async Task Seed_replayed_live_reports_the_dead_login_and_the_at_risk_result_in_its_topic_without_quoting_it()
    {
        var s = fixture.Seed;
        var seed = fixture.SeedConversation;
        s.Doctor!.EnsureSuccess();

        await using var gateway = await GatewayProcess.StartAsync(s.Home);
        await using var credwatch = await CredWatchProcess.StartDaemonAsync(s.Home.Root, s.CredWatchStateDir);

        var turn = await gateway.AgentTurnAsync("Please spawn a helper", TopicSessionKey, timeout: TimeSpan.FromSeconds(240));
        turn.EnsureSuccess();
        seed.Spawns.Should().Be(1, "the parent was told to spawn exactly once");
        await seed.ChildHandled.WaitAsync(Generous);

        await Eventually.Until(
            () => OpenClawStateDatabase.SharedProfile(s.Home, "anthropic:default")?["access"]?.GetValue<string>().Contains(":failed:access:", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(180),
            "the announce's failed refresh fences the login");
        string? taskId = null;
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
            TimeSpan.FromSeconds(240),
            "OpenClaw records the first failed announce: the finished child's result is at risk");

        // From here CredWatch has seconds, not the 30-minute announce window: the deadlines below are only CI slack.
        var afterFirstFailure = TimeSpan.FromSeconds(60);
        await Eventually.UntilAsync(async () =>
            {
                var status = await credwatch.Client.GetStringAsync("/api/status");
                return status.Contains("at_risk", StringComparison.Ordinal) && status.Contains("relogin_required", StringComparison.Ordinal) && status.Contains(taskId!, StringComparison.Ordinal);
            },
            afterFirstFailure, "/api/status shows the dead login and the at-risk result");
        var (code, checkOut, checkErr) = await CredWatchProcess.RunAsync(["check", "--home", s.Home.Root, "--state-dir", s.CredWatchStateDir]);
        var check = checkOut + checkErr;
        code.Should().Be(2, check);
        check.Should().Contain("at_risk").And.Contain(taskId!).And.Contain("relogin_required");

        await Eventually.Until(
            () => CredWatchAlerts(s.Bot, TopicChat).Any(m => m.MessageThreadId == TopicThread && m.Text!.Contains(taskId!, StringComparison.Ordinal)),
            afterFirstFailure, "the at-risk alert goes to the requester's chat and forum topic");
        var alert = CredWatchAlerts(s.Bot, TopicChat).First(m => m.MessageThreadId == TopicThread && m.Text!.Contains(taskId!, StringComparison.Ordinal));
        alert.Text.Should().Contain("openclaw tasks retry " + taskId, "the alert says how to get the result back")
            .And.Contain("openclaw models auth login", "after fixing the login first");

        // The gateway created main's agent database while CredWatch was reading it: a database still being created
        // is not a store error worth a message (it healed within the confirmation window).
        s.Bot.DeliveredMessages.Should().NotContain(m => m.Text != null && m.Text.Contains("cannot read the credential store", StringComparison.Ordinal));
        s.Bot.GetUpdatesConflicts.Should().Be(0);
        s.Bot.SetWebhookCalls.Should().Be(0);
        credwatch.HasExited.Should().BeFalse(credwatch.Output);
        await AssertNothingLeaksAsync(s, gateway, credwatch, [SeedConversation.ChildMarker, seed.ChildReply]);
    }

    /// <summary>sendMessage calls that are CredWatch's: same token as the gateway, told apart by not being OpenClaw's replies.</summary>
    private static IEnumerable<BotApiRequest> CredWatchAlerts(BotApiTestServer bot, string chat) =>
        bot.DeliveredMessages.Where(m => m.ChatId == chat && m.Text is not null && !m.Text.Contains("Authentication failed", StringComparison.Ordinal));

    private static int GetUpdatesCount(BotApiTestServer bot) => bot.Requests.Count(r => r.Method == "getUpdates");

    private static async Task AssertNothingLeaksAsync(GatewayScenario s, GatewayProcess gateway, CredWatchProcess credwatch, IReadOnlyList<string> alsoForbidden)
    {
        string[] extra = [GatewayScenario.BotToken, gateway.Token, .. alsoForbidden];
        FixtureSecrets.AssertNoSecret(credwatch.Output, "credwatch stdout/stderr", extra);
        foreach (var path in new[] { "/", "/metrics", "/api/status", "/healthz", "/readyz" })
        {
            FixtureSecrets.AssertNoSecret(await (await credwatch.Client.GetAsync(path)).Content.ReadAsStringAsync(), "credwatch " + path, extra);
        }

        // Every Telegram message (CredWatch's and the gateway's): no provider secret, no bot or gateway token; CredWatch's never quote the result.
        foreach (var m in s.Bot.DeliveredMessages)
        {
            FixtureSecrets.AssertNoSecret(m.Text ?? "", "telegram message to " + m.ChatId, [GatewayScenario.BotToken, gateway.Token]);
        }

        foreach (var m in s.Bot.DeliveredMessages.Where(m => m.Text?.Contains("Authentication failed", StringComparison.Ordinal) != true))
        {
            FixtureSecrets.AssertNoSecret(m.Text ?? "", "CredWatch telegram message to " + m.ChatId, alsoForbidden);
        }
    }
}
