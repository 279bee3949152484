using CredWatch.TestSupport.Telegram;
using Telegram.Bot;
using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Tests;

public sealed class RestartAndServerTests
{
    [Fact]
    public async Task Restart_with_a_non_empty_outbox_delivers_everything_once()
    {
        await using var server = await BotApiTestServer.StartAsync();
        var stateDir = Directory.CreateTempSubdirectory("credwatch-restart-").FullName;
        await using (var first = await AlertHarness.StartAsync(server: server, stateDir: stateDir))
        {
            // Telegram "down": every attempt fails, so nothing is delivered before the restart.
            for (var i = 0; i < 50; i++)
            {
                server.EnqueueFault(new BotApiFault.ServerError(503));
            }

            first.Sink.Raise(new AlertEvent("lost/1", AlertKinds.ResultLost, AlertSeverity.Critical, "run 1 lost"));
            first.Sink.PublishConditions("stores", [new AlertCondition("stale/main", AlertKinds.StaleCopy, AlertSeverity.Warning, "stale main")]);
            await first.PumpUntil(() => server.Requests.Count >= 2);
            first.Engine.Depth.Should().Be(2);
        }

        server.ClearFaults();
        var before = server.DeliveredMessages.Count;
        before.Should().Be(0);

        await using var second = await AlertHarness.StartAsync(server: server, stateDir: stateDir);
        second.Engine.Depth.Should().Be(2, "the outbox survived the restart");
        second.Sink.Raise(new AlertEvent("lost/1", AlertKinds.ResultLost, AlertSeverity.Critical, "run 1 lost")); // same key: no duplicate
        second.Sink.PublishConditions("stores", [new AlertCondition("stale/main", AlertKinds.StaleCopy, AlertSeverity.Warning, "stale main")]); // still firing: no re-fire
        await second.PumpUntil(() => second.Engine.Depth == 0 && server.DeliveredMessages.Count >= 1);
        second.Time.Advance(TimeSpan.FromMinutes(1));
        await second.PumpUntil(() => second.Engine.Depth == 0);

        var delivered = string.Join("\n", server.DeliveredMessages.Select(m => m.Text));
        delivered.Split("run 1 lost").Length.Should().Be(2, "the event is delivered exactly once");
        delivered.Split("stale main").Length.Should().Be(2, "the condition fired exactly once");
    }

    [Fact]
    public async Task Corrupt_outbox_is_moved_aside_and_counted()
    {
        var stateDir = Directory.CreateTempSubdirectory("credwatch-corrupt-").FullName;
        Directory.CreateDirectory(Path.Combine(stateDir, "alerts"));
        await File.WriteAllTextAsync(Path.Combine(stateDir, "alerts", "outbox.json"), "{\"Pending\": [tor");
        await using var h = await AlertHarness.StartAsync(stateDir: stateDir);
        h.Engine.Depth.Should().Be(0);
        Directory.GetFiles(Path.Combine(stateDir, "alerts"), "outbox.json.corrupt-*").Should().ContainSingle();
        h.Logs.Lines.Should().Contain(l => l.Contains("[5021]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Test_server_long_polls_get_updates_and_answers_a_second_poller_409()
    {
        await using var server = await BotApiTestServer.StartAsync();
        using var http = new HttpClient();
        var bot = new TelegramBotClient(new TelegramBotClientOptions(AlertHarness.BotToken, server.BaseUrl.ToString()) { RetryCount = 0 }, http);
        (await bot.GetMe()).Username.Should().Be("fixture_bot");
        await bot.DeleteWebhook();

        var firstPoll = bot.GetUpdates(timeout: 40);
        await CredWatch.TestSupport.Eventually.Until(() => server.IsPolling(AlertHarness.BotToken), because: "first long poll registered");
        var second = async () => await new TelegramBotClient(new TelegramBotClientOptions(AlertHarness.BotToken, server.BaseUrl.ToString()) { RetryCount = 0 }, http).GetUpdates(timeout: 1);
        await CredWatch.TestSupport.Eventually.UntilAsync(async () =>
        {
            try
            {
                await second();
                return false;
            }
            catch (Telegram.Bot.Exceptions.ApiRequestException ex) when (ex.ErrorCode == 409)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(15));
        server.GetUpdatesConflicts.Should().BeGreaterThanOrEqualTo(1);

        server.InjectUserMessage(AlertHarness.BotToken, 5550001, 5550001, "hello");
        var updates = await firstPoll;
        updates.Should().ContainSingle().Which.Message!.Text.Should().Be("hello");
        (await bot.GetUpdates(offset: updates[0].Id + 1, timeout: 0)).Should().BeEmpty();
    }
}
