using CredWatch.TestSupport.Telegram;
using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Tests;

/// <summary>End to end through AddAlerts, the real Telegram.Bot client and the loopback Bot API server.</summary>
public sealed class DeliveryTests
{
    private static AlertEvent Lost(string run, string? requester = null) =>
        new($"result_lost/{run}", AlertKinds.ResultLost, AlertSeverity.Critical, $"Agent main lost the result of run {run}. Run `openclaw tasks retry {run}`.")
        {
            Route = requester is null ? AlertRoute.Default : AlertRoute.ToSession(requester),
        };

    [Fact]
    public async Task Event_is_delivered_in_html_to_the_default_chat_and_only_sendMessage_is_called()
    {
        await using var h = await AlertHarness.StartAsync();
        h.Sink.Raise(Lost("r1"));
        await h.PumpUntil(() => h.Server.DeliveredMessages.Count == 1);

        var msg = h.Server.DeliveredMessages[0];
        msg.ChatIdNumber.Should().Be(AlertHarness.GroupChat);
        msg.MessageThreadId.Should().BeNull();
        msg.ParseMode.Should().BeEquivalentTo("html");
        msg.Text.Should().Contain("<b>result lost</b>").And.Contain("<code>openclaw tasks retry r1</code>");
        h.Server.Requests.Select(r => r.Method).Should().OnlyContain(m => m == "sendMessage");
        h.Server.SetWebhookCalls.Should().Be(0);
        await Eventually(() => h.Engine.Depth == 0);
    }

    [Fact]
    public async Task Requester_session_key_routes_to_its_chat_and_topic_and_topic_1_omits_the_thread()
    {
        await using var h = await AlertHarness.StartAsync();
        h.Sink.Raise(Lost("a", "agent:main:telegram:group:-100777:topic:42"));
        h.Sink.Raise(Lost("b", "agent:main:telegram:group:-100888:topic:1"));
        h.Sink.Raise(Lost("c", "agent:hr-bp:telegram:direct:5550001"));
        h.Sink.Raise(Lost("d", "agent:main:main"));
        await h.PumpUntil(() => h.Server.DeliveredMessages.Count == 4);

        var byChat = h.Server.DeliveredMessages.ToDictionary(m => m.ChatIdNumber!.Value);
        byChat[-100777].MessageThreadId.Should().Be(42);
        byChat[-100777].Text.Should().Contain("run a");
        byChat[-100888].MessageThreadId.Should().BeNull("topic 1 is the General topic: no message_thread_id");
        byChat[-100888].Body.Should().NotContain("message_thread_id");
        byChat[5550001].Text.Should().Contain("run c");
        byChat[AlertHarness.GroupChat].Text.Should().Contain("run d", "an unroutable key falls back to the default target");
    }

    [Fact]
    public async Task A_burst_within_the_grouping_window_is_one_message()
    {
        await using var h = await AlertHarness.StartAsync();
        h.Sink.Raise(Lost("x1"));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        h.Sink.Raise(Lost("x2"));
        h.Sink.PublishConditions("stores", [new AlertCondition("stale/main", AlertKinds.StaleCopy, AlertSeverity.Warning, "Agent main holds a stale copy.")]);
        await h.PumpUntil(() => h.Server.DeliveredMessages.Count >= 1);
        await h.PumpUntil(() => h.Engine.Depth == 0);

        h.Server.DeliveredMessages.Should().ContainSingle();
        var text = h.Server.DeliveredMessages[0].Text!;
        text.Should().Contain("3 alerts").And.Contain("run x1").And.Contain("run x2").And.Contain("stale copy");
        h.Sent.GetMeasurementSnapshot().Where(m => (string?)m.Tags["kind"] == AlertKinds.ResultLost).Sum(m => m.Value).Should().Be(2);
    }

    [Fact]
    public async Task Condition_fires_once_repeats_while_held_and_resolves_when_cleared()
    {
        await using var h = await AlertHarness.StartAsync(new() { ["CredWatch:Alerts:RepeatInterval"] = "00:10:00" });
        var cond = new AlertCondition("expired/main/anthropic", AlertKinds.TokenExpired, AlertSeverity.Critical, "Agent main: anthropic login expired. Run `openclaw models auth login --provider anthropic`.");
        h.Sink.PublishConditions("stores", [cond]);
        await h.PumpUntil(() => h.Server.DeliveredMessages.Count == 1);
        h.Sink.PublishConditions("stores", [cond]); // still held: no new message
        h.Engine.PendingCount.Should().Be(0);

        h.Time.Advance(TimeSpan.FromMinutes(10));
        await h.PumpUntil(() => h.Server.DeliveredMessages.Count == 2);
        h.Server.DeliveredMessages[1].Text.Should().Contain("still");

        h.Sink.PublishConditions("stores", []);
        await h.PumpUntil(() => h.Server.DeliveredMessages.Count == 3);
        h.Server.DeliveredMessages[2].Text.Should().Contain("resolved").And.Contain("login expired");
        h.Engine.FiringByKind().Should().BeEmpty();

        // Cleared conditions do not repeat.
        h.Time.Advance(TimeSpan.FromMinutes(30));
        await h.PumpUntil(() => h.Engine.Depth == 0);
        h.Server.DeliveredMessages.Should().HaveCount(3);
    }

    [Fact]
    public async Task Disabled_alerts_track_what_fires_but_queue_and_send_nothing()
    {
        // The fleet setting: Telegram is configured (OpenClaw's bot), Alertmanager sends instead.
        await using var h = await AlertHarness.StartAsync(new() { ["CredWatch:Alerts:Enabled"] = "false", ["CredWatch:Alerts:RepeatInterval"] = "00:10:00" });
        h.Sink.PublishConditions("stores", [new AlertCondition("stale/hr-bp/anthropic", AlertKinds.StaleCopy, AlertSeverity.Critical, "Agent hr-bp: stale copy. Run `credwatch sync`.")]);
        h.Sink.Raise(Lost("off"));

        h.Engine.FiringByKind().Should().ContainKey(AlertKinds.StaleCopy);
        h.Engine.Depth.Should().Be(0, "nothing may wait for a sender that never runs");
        h.Time.Advance(TimeSpan.FromMinutes(30));
        h.Engine.Compose(h.Time.GetUtcNow());
        h.Engine.Depth.Should().Be(0, "repeats are not queued either");
        h.Server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Retry_after_of_a_429_is_honoured_exactly_without_Telegram_Bot_retrying_itself()
    {
        await using var h = await AlertHarness.StartAsync();
        h.Server.EnqueueFault(new BotApiFault.TooManyRequests(7));
        h.Sink.Raise(Lost("rl"));
        await h.PumpUntil(() => h.Server.Requests.Any(r => r.StatusCode == 429));
        await Eventually(() => h.Engine.MessagesSnapshot().Any(m => m.NextAttemptAt > m.CreatedAt));

        var failedAt = h.Time.GetUtcNow();
        h.Engine.MessagesSnapshot().Single().NextAttemptAt.Should().Be(failedAt + TimeSpan.FromSeconds(7));
        h.Server.Requests.Should().ContainSingle("the client must not retry on its own");

        h.Time.Advance(TimeSpan.FromSeconds(7));
        await h.PumpUntil(() => h.Server.DeliveredMessages.Count == 1, TimeSpan.FromMilliseconds(100));
        h.Server.Requests.Should().HaveCount(2);
        h.Failures.GetMeasurementSnapshot().Where(m => (string?)m.Tags["reason"] == "rate_limited").Sum(m => m.Value).Should().Be(1);
    }

    [Fact]
    public async Task Server_errors_and_connection_resets_are_retried_with_backoff()
    {
        await using var h = await AlertHarness.StartAsync();
        h.Server.EnqueueFault(new BotApiFault.ServerError(500));
        h.Server.EnqueueFault(new BotApiFault.ResetConnection());
        h.Server.EnqueueFault(new BotApiFault.ServerError(502));
        h.Sink.Raise(Lost("flaky"));
        await h.PumpUntil(() => h.Server.DeliveredMessages.Count == 1);

        h.Server.DeliveredMessages.Should().ContainSingle();
        h.Server.Requests.Where(r => r.Method == "sendMessage").Should().HaveCount(4);
        var reasons = h.Failures.GetMeasurementSnapshot().Where(m => m.Value > 0).Select(m => (string?)m.Tags["reason"]).ToList();
        reasons.Should().Contain("server_error").And.Contain("network");
        h.Logs.Lines.Should().Contain(l => l.Contains("[5012]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_request_is_not_retried_but_logged_and_counted()
    {
        await using var h = await AlertHarness.StartAsync();
        h.Server.EnqueueFault(new BotApiFault.BadRequest("Bad Request: chat not found"));
        h.Sink.Raise(Lost("bad"));
        await h.PumpUntil(() => h.Server.Requests.Count == 1 && h.Engine.Depth == 0);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        h.Sink.Raise(Lost("after"));
        await h.PumpUntil(() => h.Server.DeliveredMessages.Count == 1);

        h.Server.Requests.Should().HaveCount(2, "the rejected message is dropped, only the next alert goes out");
        h.Server.DeliveredMessages[0].Text.Should().Contain("run after");
        h.Failures.GetMeasurementSnapshot().Where(m => (string?)m.Tags["reason"] == "bad_request").Sum(m => m.Value).Should().Be(1);
        h.Logs.Lines.Should().Contain(l => l.Contains("[5013]", StringComparison.Ordinal) && l.Contains("chat not found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slow_response_is_awaited_and_delivered_once()
    {
        await using var h = await AlertHarness.StartAsync();
        h.Server.EnqueueFault(new BotApiFault.Slow(TimeSpan.FromSeconds(1.5)));
        h.Sink.Raise(Lost("slow"));
        await h.PumpUntil(() => h.Server.Arrivals == 1, TimeSpan.FromMilliseconds(200));

        // The send timeout runs on the fake clock: holding it still while the server takes its real 1.5 s means the
        // answer always arrives inside the timeout, however loaded the machine is.
        await Eventually(() => h.Server.DeliveredMessages.Count == 1 && h.Engine.Depth == 0);
        h.Server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Response_slower_than_the_send_timeout_is_abandoned_and_retried()
    {
        await using var h = await AlertHarness.StartAsync();
        h.Server.EnqueueFault(new BotApiFault.Slow(TimeSpan.FromMinutes(5)));
        h.Sink.Raise(Lost("hang"));
        // Fake time drives the send timeout (5 s): pumping past it abandons the hung request.
        await h.PumpUntil(() => h.Server.DeliveredMessages.Count == 1, TimeSpan.FromSeconds(1), whileServerAnswers: true);
        h.Failures.GetMeasurementSnapshot().Where(m => (string?)m.Tags["reason"] == "timeout").Sum(m => m.Value).Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Long_alert_is_split_into_ordered_parts_under_4096()
    {
        await using var h = await AlertHarness.StartAsync();
        for (var i = 0; i < 8; i++)
        {
            h.Sink.Raise(new AlertEvent($"big/{i}", AlertKinds.TaskUndelivered, AlertSeverity.Warning, $"item {i} " + string.Concat(Enumerable.Repeat("<&> words ", 140))));
        }

        await h.PumpUntil(() => h.Engine.Depth == 0 && h.Server.DeliveredMessages.Count >= 2);
        var parts = h.Server.DeliveredMessages.Select(m => m.Text!).ToList();
        parts.Should().OnlyContain(p => p.Length <= 4096);
        var joined = string.Concat(parts);
        for (var i = 0; i < 8; i++)
        {
            joined.IndexOf($"item {i} ", StringComparison.Ordinal).Should().BeGreaterThan(i == 0 ? -1 : joined.IndexOf($"item {i - 1} ", StringComparison.Ordinal));
        }

        parts.Should().OnlyContain(p => HtmlBalance.IsBalanced(p));
    }

    [Fact]
    public async Task Alert_test_reports_per_target_results()
    {
        await using var h = await AlertHarness.StartAsync(new() { ["CredWatch:Telegram:ChatId"] = "-100111:topic:5, 42" });
        h.Server.EnqueueFault(new BotApiFault.BadRequest("Bad Request: chat not found"));
        var results = await h.Tester.SendTestAsync(CancellationToken.None);

        results.Should().HaveCount(2);
        results.Count(r => r.Success).Should().Be(1);
        results.Single(r => !r.Success).Reason.Should().Be("bad_request");
        h.Server.Requests.Should().HaveCount(2);
        h.Server.Requests.Should().Contain(r => r.ChatIdNumber == -100111 && r.MessageThreadId == 5);
        string.Join('\n', results.Select(r => r.Detail + r.Target)).Should().NotContain("FIXTUREbot");
    }

    [Fact]
    public async Task No_target_means_alert_test_explains_why()
    {
        await using var h = await AlertHarness.StartAsync(new() { ["CredWatch:Telegram:BotTokenFile"] = "/nonexistent/token" });
        var results = await h.Tester.SendTestAsync(CancellationToken.None);
        results.Should().ContainSingle().Which.Success.Should().BeFalse();
        results[0].Detail.Should().Contain("no Telegram bot token");
    }

    private static Task Eventually(Func<bool> c) => CredWatch.TestSupport.Eventually.Until(c, TimeSpan.FromSeconds(30));
}
