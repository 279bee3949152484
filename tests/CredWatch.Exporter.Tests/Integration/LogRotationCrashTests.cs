using System.Globalization;
using CredWatch.Exporter.Tests.AlertMapping;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using Xunit.Abstractions;

namespace CredWatch.Exporter.Tests.Integration;

/// <summary>
/// kill -9 of the real daemon at seeded random moments while a writer keeps appending gateway failures and rotating
/// the log (rename, copytruncate, a new day's file), also while the daemon is down. Each failure carries its own run
/// id and becomes its own alert, so the chat is the durable record of what was counted: after the restarts every
/// failure reached it, none twice except a marked re-send (a send under way at a kill).
/// </summary>
public sealed class LogRotationCrashTests(ITestOutputHelper output)
{
    private const int Crashes = 8;
    private const int MaxFailures = 600;
    private const string Marker = "Possible duplicate";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Kill_9_while_logs_are_appended_and_rotated_loses_no_failure_and_counts_none_twice()
    {
        await using var env = await AlertingHome.CreateAsync();
        var daemonEnv = env.DaemonEnvironment();
        var rng = new Random(44);
        var writer = new RotatingLogWriter(env.LogDir, env.GatewayLog, Path.Combine(env.Home.StateDir, "logtail-positions.json"), new Random(rng.Next()));
        using var stop = new CancellationTokenSource();
        Task? writing = null;
        var lives = new List<string>();

        for (var crash = 0; crash < Crashes; crash++)
        {
            await using var daemon = await CredWatchProcess.StartDaemonAsync(env.Home.Home, env.Home.StateDir, daemonEnv);
            writing ??= Task.Run(() => writer.RunAsync(MaxFailures, stop.Token));
            await Task.WhenAny(writing, Task.Delay(rng.Next(200, 2500))); // a random moment, not a synchronisation point
            await daemon.KillAsync();
            lives.Add(daemon.Output);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} kill {crash}"));
            writing.IsFaulted.Should().BeFalse(writing.Exception?.ToString());
        }

        await stop.CancelAsync();
        await writing!;
        var runs = writer.Runs;
        await using (var last = await CredWatchProcess.StartDaemonAsync(env.Home.Home, env.Home.StateDir, daemonEnv))
        {
            try
            {
                await Eventually.Until(() => runs.All(r => Delivered(env).Any(t => t.Contains(r, StringComparison.Ordinal))), Deadline, "every failure alerted after the restarts");
            }
            catch (TimeoutException)
            {
                var missing = runs.Where(r => !Delivered(env).Any(t => t.Contains(r, StringComparison.Ordinal))).Select(r => r[..10]).ToHashSet();
                output.WriteLine($"missing {missing.Count} of {runs.Count}");
                foreach (var line in writer.Journal)
                {
                    output.WriteLine((missing.Any(line.Contains) ? "MISSING " : "        ") + line);
                }

                foreach (var line in lives.Append(last.Output).SelectMany(o => o.Split('\n')).Where(l => l.Contains("source=LogTail", StringComparison.Ordinal) && !l.Contains("Log signal", StringComparison.Ordinal)))
                {
                    output.WriteLine(line.Length > 220 ? line[..220] : line);
                }

                throw;
            }

            var signals = Scrape.Series(await last.ScrapeAsync()).Where(s => s.Name == "credwatch_log_signals_total").Sum(s => s.Value);
            signals.Should().BeLessThanOrEqualTo(runs.Count, "the last run counts no failure beyond those written");
        }

        var texts = Delivered(env).ToList();
        var copies = runs.ToDictionary(r => r, r => texts.Count(t => t.Contains(r, StringComparison.Ordinal)));
        var unmarkedRepeats = runs.Count(r => texts.Where(t => t.Contains(r, StringComparison.Ordinal)).Skip(1).Any(t => !t.Contains(Marker, StringComparison.Ordinal)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"crashes {Crashes}, rotations {writer.Rotations} ({string.Join(", ", writer.RotationKinds.Select(kv => $"{kv.Key} {kv.Value}"))}), failures written {runs.Count}, alerted {copies.Count(kv => kv.Value > 0)}, lost {copies.Count(kv => kv.Value == 0)}, repeated {copies.Count(kv => kv.Value > 1)} (unmarked {unmarkedRepeats}), messages {texts.Count}"));

        copies.Should().OnlyContain(kv => kv.Value > 0, "no failure is lost");
        unmarkedRepeats.Should().Be(0, "a failure read again after a crash is not alerted again; only a send under way at a kill goes out twice, marked");
        texts.Count(t => t.Contains(Marker, StringComparison.Ordinal)).Should().BeLessThanOrEqualTo(Crashes, "at most one re-send per crash");
        writer.RotationKinds.Keys.Should().BeEquivalentTo(["rename", "copytruncate", "new_day"], "every kind of rotation happened");
        env.AssertOnlySent();
    }

    private static IEnumerable<string> Delivered(AlertingHome env) =>
        env.Server.DeliveredMessages.Select(m => m.Text!).Where(t => t.Contains("c0ffee", StringComparison.Ordinal));
}
