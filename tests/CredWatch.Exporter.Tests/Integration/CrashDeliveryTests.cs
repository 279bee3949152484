using System.Globalization;
using CredWatch.Exporter.Tests.AlertMapping;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Telegram;
using Xunit.Abstractions;

namespace CredWatch.Exporter.Tests.Integration;

/// <summary>
/// kill -9 of the real daemon while gateway log lines turn into alerts and the loopback Bot API answers slowly, fails
/// (5xx) or resets: after the restarts every alert is delivered, none twice beyond one per crash, and a message whose
/// send was under way at the kill goes out again marked as a possible duplicate.
/// </summary>
public sealed class CrashDeliveryTests(ITestOutputHelper output)
{
    private const int Crashes = 6;
    private const int AlertsPerRound = 5;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Kill_9_at_seeded_moments_loses_no_alert_and_duplicates_at_most_one_per_crash()
    {
        await using var env = await AlertingHome.CreateAsync();
        var daemonEnv = env.DaemonEnvironment();
        var outbox = Path.Combine(env.Home.StateDir, "alerts", "outbox.json");
        var rng = new Random(20);
        var runs = new List<string>();
        var faults = 0;
        var inFlightKills = 0;

        for (var crash = 0; crash < Crashes; crash++)
        {
            await using var daemon = await CredWatchProcess.StartDaemonAsync(env.Home.Home, env.Home.StateDir, daemonEnv);
            var mode = crash % 3;
            env.Server.ClearFaults();
            if (mode == 1)
            {
                // The next send hangs long enough for the kill to land while it is under way.
                env.Server.EnqueueFault(new BotApiFault.Slow(TimeSpan.FromSeconds(20)));
                faults++;
            }

            for (var f = 0; f < 3; f++)
            {
                env.Server.EnqueueFault(rng.Next(3) switch
                {
                    0 => new BotApiFault.ServerError(502),
                    1 => new BotApiFault.ResetConnection(),
                    _ => new BotApiFault.Slow(TimeSpan.FromMilliseconds(rng.Next(50, 400))),
                });
                faults++;
            }

            var delivered = env.Server.DeliveredMessages.Count;
            for (var i = 0; i < AlertsPerRound; i++)
            {
                var run = string.Create(CultureInfo.InvariantCulture, $"c0ffee{crash:d2}-{i:d4}-4000-8000-{rng.NextInt64(1L << 40):x12}");
                runs.Add(run);
                env.AppendLog(AlertingHome.JsonLine($"[warn] Subagent announce give up (retry-limit) run={run} child=agent:main:subagent:{crash}{i} requester=agent:main:main retries=3 endedAgo=1s"));
            }

            switch (mode)
            {
                case 1:
                    // The hanging send has reached the server (it took the first fault), so it is under way at the kill.
                    await Eventually.Until(() => env.Server.FaultsLeft() == 3, Deadline, "the slow send under way");
                    OutboxText(outbox).Should().Contain("\"SendingPart\"", "the outbox records a send before the Bot API call");
                    inFlightKills++;
                    break;
                case 2:
                    await Eventually.Until(() => env.Server.DeliveredMessages.Count > delivered, Deadline, "a message delivered this round");
                    break;
                default:
                    // Right after the lines are written: they may not even be read yet.
                    break;
            }

            await daemon.KillAsync();
            output.WriteLine($"kill {crash} mode {mode} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}; outbox sending: {OutboxText(outbox).Contains("\"SendingPart\"", StringComparison.Ordinal)}");
        }

        env.Server.ClearFaults();
        await using (var last = await CredWatchProcess.StartDaemonAsync(env.Home.Home, env.Home.StateDir, daemonEnv))
        {
            await Eventually.Until(() => runs.All(r => env.Server.DeliveredMessages.Any(m => m.Text!.Contains(r, StringComparison.Ordinal))), Deadline, "every alert delivered after the restarts");
            FixtureSecrets.AssertNoSecret(last.Output, "logs", [AlertingHome.BotToken]);
        }

        var messages = env.Server.DeliveredMessages.Where(m => runs.Any(r => m.Text!.Contains(r, StringComparison.Ordinal))).ToList();
        var copies = runs.ToDictionary(r => r, r => messages.Count(m => m.Text!.Contains(r, StringComparison.Ordinal)));
        var lost = copies.Count(kv => kv.Value == 0);
        var duplicates = copies.Sum(kv => Math.Max(0, kv.Value - 1));

        // A message carries several alerts: a duplicate message is one whose every alert had gone out before.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicateMessages = 0;
        foreach (var m in messages)
        {
            var inIt = runs.Where(r => m.Text!.Contains(r, StringComparison.Ordinal)).ToList();
            duplicateMessages += inIt.All(seen.Contains) ? 1 : 0;
            seen.UnionWith(inIt);
        }

        // Other alerts of the home (its stale copy) go through the same outbox: a message of theirs may be the one in flight.
        const string Marker = "Possible duplicate";
        var others = env.Server.DeliveredMessages.Except(messages).Select(m => m.Text!).ToList();
        duplicateMessages += others.Count - others.Select(t => t[(t.IndexOf("CredWatch", StringComparison.Ordinal) is var at and >= 0 ? at : 0)..]).Distinct(StringComparer.Ordinal).Count();
        var marked = env.Server.DeliveredMessages.Count(m => m.Text!.Contains(Marker, StringComparison.Ordinal));
        output.WriteLine($"crashes {Crashes} (in flight {inFlightKills}), faults injected {faults}, alerts {runs.Count}, delivered {copies.Count(kv => kv.Value > 0)}, lost {lost}, duplicate messages {duplicateMessages} ({duplicates} alerts), marked re-sends {marked}");

        foreach (var m in env.Server.Requests.Where(r => r.Method == "sendMessage"))
        {
            output.WriteLine($"{m.ReceivedAt:HH:mm:ss.fff} {m.StatusCode} {string.Join(',', runs.Where(r => m.Text!.Contains(r, StringComparison.Ordinal)).Select(r => r[6..13]))} {(m.Text!.Contains("Possible duplicate", StringComparison.Ordinal) ? "marked" : "")}");
        }

        lost.Should().Be(0);
        duplicateMessages.Should().BeLessThanOrEqualTo(Crashes, "at most one duplicate per crash");
        marked.Should().BeGreaterThanOrEqualTo(inFlightKills, "each send under way at a kill goes out again marked");
        foreach (var run in copies.Where(kv => kv.Value > 1).Select(kv => kv.Key))
        {
            messages.Where(m => m.Text!.Contains(run, StringComparison.Ordinal)).Skip(1).Should().OnlyContain(
                m => m.Text!.Contains(Marker, StringComparison.Ordinal), "a second copy is always marked");
        }

        env.AssertOnlySent();
    }

    private static string OutboxText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
