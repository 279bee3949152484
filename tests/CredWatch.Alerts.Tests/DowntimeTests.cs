using System.Globalization;
using CredWatch.TestSupport.Telegram;
using Xunit.Abstractions;
using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Tests;

/// <summary>
/// Six simulated hours of Bot API downtime (5xx, 429 with a 10-minute retry_after) with a restart of the
/// alert pipeline every hour, alerts raised in every stretch: when Telegram comes back, every alert accepted in
/// those hours is delivered; a send that timed out may have reached Telegram, so its one re-send is marked.
/// </summary>
public sealed class DowntimeTests(ITestOutputHelper output)
{
    private const int Restarts = 6;
    private static readonly Dictionary<string, string?> Settings = new() { ["CredWatch:Alerts:MaxBackoff"] = "00:15:00" };
    private const int AlertsPerStretch = 4;
    private static readonly TimeSpan Stretch = TimeSpan.FromHours(1);

    [Fact]
    public async Task Hours_of_downtime_with_restarts_deliver_every_accepted_alert_once()
    {
        await using var server = await BotApiTestServer.StartAsync();
        var stateDir = Directory.CreateTempSubdirectory("credwatch-downtime-").FullName;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));
        var texts = new List<string>();
        var start = time.GetUtcNow();

        for (var stretch = 0; stretch < Restarts; stretch++)
        {
            server.ClearFaults();
            for (var i = 0; i < 500; i++)
            {
                server.EnqueueFault(stretch % 2 == 0 ? new BotApiFault.ServerError(i % 2 == 0 ? 502 : 503) : new BotApiFault.TooManyRequests(600));
            }

            await using var h = await AlertHarness.StartAsync(Settings, server, stateDir, time);
            var requestsBefore = server.Requests.Count;
            for (var i = 0; i < AlertsPerStretch; i++)
            {
                var text = string.Create(CultureInfo.InvariantCulture, $"run {stretch:d2}-{i:d2} lost");
                texts.Add(text);
                h.Sink.Raise(new AlertEvent("lost/" + text, AlertKinds.ResultLost, AlertSeverity.Critical, text));
            }

            // The clock moves 4 minutes per poll (the backoff tops out at 15), only while no request is being answered.
            var until = time.GetUtcNow() + Stretch;
            // A request still being answered when the clock moves times out on the client: that is a fault this test wants too.
            await h.PumpUntil(() => time.GetUtcNow() >= until, TimeSpan.FromMinutes(4), $"stretch {stretch} lived through", whileServerAnswers: true);
            server.Requests.Count.Should().BeGreaterThan(requestsBefore, $"stretch {stretch}: CredWatch kept trying");
            server.DeliveredMessages.Should().BeEmpty("Telegram was down");
            h.Engine.Depth.Should().BeGreaterThan(0, "the alerts wait in the outbox");
        }

        var down = time.GetUtcNow() - start;
        var attempts = server.Requests.Count;
        server.ClearFaults();
        await using (var last = await AlertHarness.StartAsync(Settings, server, stateDir, time))
        {
            await last.PumpUntil(() => last.Engine.Depth == 0 && texts.All(t => server.DeliveredMessages.Any(m => m.Text!.Contains(t, StringComparison.Ordinal))), TimeSpan.FromSeconds(30), "everything delivered once Telegram is back");
        }

        var copies = texts.ToDictionary(t => t, t => server.DeliveredMessages.Count(m => m.Text!.Contains(t, StringComparison.Ordinal)));
        var marked = server.DeliveredMessages.Count(m => m.Text!.Contains("Possible duplicate", StringComparison.Ordinal));
        output.WriteLine($"{down.TotalHours:0.#} h of downtime, {Restarts} restarts, {attempts} failed send attempts, {texts.Count} alerts, " +
            $"{copies.Count(kv => kv.Value > 0)} delivered, {copies.Count(kv => kv.Value == 0)} lost, {copies.Sum(kv => Math.Max(0, kv.Value - 1))} duplicates, {marked} marked");
        copies.Should().OnlyContain(kv => kv.Value == 1 || kv.Value == 2, "every accepted alert is delivered, at most once more");
        foreach (var text in copies.Where(kv => kv.Value == 2).Select(kv => kv.Key))
        {
            server.DeliveredMessages.Where(m => m.Text!.Contains(text, StringComparison.Ordinal)).Skip(1)
                .Should().OnlyContain(m => m.Text!.Contains("Possible duplicate", StringComparison.Ordinal), "a second copy is always marked");
        }
    }
}
