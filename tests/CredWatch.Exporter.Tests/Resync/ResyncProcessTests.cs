using System.Text;
using CredWatch.Exporter.Resync;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>Real separate processes against one real store file: lost updates, torn files, kill -9.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // real processes and SIGKILL: CredWatch runs on Linux
public sealed class ResyncProcessTests : IDisposable
{
    private const long ExpiresBase = 4_102_444_800_000; // the harness's generation base
    private readonly ResyncHome _home = new();

    [Fact]
    public async Task Concurrent_writer_and_resync_loop_lose_no_update_and_the_file_is_always_valid()
    {
        const int writes = 150;
        const int repairs = 150;
        var observations = 0;
        var invalid = new List<string>();
        using var watcherStop = new CancellationTokenSource();
        var watcher = Task.Run(() =>
        {
            // A reader that never locks, like a scanner: it must never see a half-written file.
            while (!watcherStop.IsCancellationRequested)
            {
                var bytes = File.ReadAllBytes(_home.HrBp);
                observations++;
                if (!AuthProfilesPatcher.IsValidStore(bytes))
                {
                    invalid.Add(Encoding.UTF8.GetString(bytes));
                }
            }
        });

        using var writer = Harness.Start("writer", _home.HrBp, writes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var resync = Harness.Start("resync-loop", _home.HrBp, repairs.ToString(System.Globalization.CultureInfo.InvariantCulture), ResyncHome.Profile);
        var writerExit = await writer.WaitAsync(TimeSpan.FromMinutes(3));
        var resyncExit = await resync.WaitAsync(TimeSpan.FromMinutes(3));
        await watcherStop.CancelAsync();
        await watcher;

        writerExit.Should().Be(0, writer.StdErr);
        resyncExit.Should().Be(0, resync.StdErr);
        invalid.Should().BeEmpty();
        observations.Should().BePositive();
        var final = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(_home.HrBp))!;
        final["x-writer-seq"]!.GetValue<long>().Should().Be(writes, "every writer update survived the resyncs");
        final["profiles"]![ResyncHome.Profile]!["expires"]!.GetValue<long>().Should().Be(ExpiresBase + repairs, "every repair survived the writer");
        final["profiles"]![ResyncHome.Profile]!["x-kept-by-user"]!.GetValue<string>().Should().Be("unknown fields must survive a resync");
        final["usageStats"]!["anthropic:claude-cli"]!["errorCount"]!.GetValue<int>().Should().Be(2);
        FixtureSecrets.AssertNoSecret(writer.StdOut + writer.StdErr + resync.StdOut + resync.StdErr, "harness output");
    }

    [Fact]
    public async Task Kill_9_at_random_points_during_500_repair_cycles_leaves_the_old_or_the_new_file()
    {
        const int totalCycles = 500;
        var progress = Path.Combine(_home.Root, "progress");
        File.WriteAllText(progress, "");
        var original = File.ReadAllText(_home.HrBp);
        // Bring the store to generation 1 once, so every later state is exactly "generation 1" or "generation 2".
        using (var first = Harness.Start("resync-loop", _home.HrBp, "1", ResyncHome.Profile))
        {
            (await first.WaitAsync(TimeSpan.FromMinutes(1))).Should().Be(0, first.StdErr);
        }

        var gen1 = Generation(original, 1);
        var gen2 = Generation(original, 2);
        File.ReadAllText(_home.HrBp).Should().Be(gen1);
        var random = new Random(44919);
        var kills = 0;
        // At least MinKills kills must land, however fast the loop runs: on a loaded machine a loop asked for all the
        // remaining cycles could finish them before the kill, ending the test with too few kills. So while kills are
        // still wanted, each loop gets a chunk well past its kill point, and cycling continues past 500 if needed.
        const int MinKills = 6;
        const int MaxKills = 12;
        while (Done(progress) < totalCycles || kills < MinKills)
        {
            Done(progress).Should().BeLessThan(20 * totalCycles, "kills must land long before 20x the planned cycles ({0} so far)", kills);
            var remaining = totalCycles - Done(progress);
            var wantKill = kills < MaxKills;
            var cycles = wantKill ? Math.Max(remaining, 200) : remaining;
            using var loop = Harness.Start("toggle", _home.HrBp, cycles.ToString(System.Globalization.CultureInfo.InvariantCulture), ResyncHome.Profile, progress);
            if (wantKill)
            {
                // Kill once the loop is mid-run: after a random number of further completed cycles.
                var target = Done(progress) + random.Next(1, 40);
                await Eventually.Until(() => Done(progress) >= target || loop.Process.HasExited, TimeSpan.FromMinutes(2), "toggle loop progressing");
                if (loop.Process.HasExited)
                {
                    // The loop finished its chunk before the kill landed: a clean completion, not a kill.
                    (await loop.WaitAsync(TimeSpan.FromMinutes(1))).Should().Be(0, loop.StdErr);
                }
                else
                {
                    loop.KillHard();
                    kills++;
                }
            }
            else
            {
                (await loop.WaitAsync(TimeSpan.FromMinutes(3))).Should().Be(0, loop.StdErr);
            }

            var now = File.ReadAllText(_home.HrBp);
            now.Should().BeOneOf([gen1, gen2], "after kill #{0} the store must be the old or the new version, whole", kills);
        }

        kills.Should().BeGreaterThanOrEqualTo(MinKills);
        Done(progress).Should().BeGreaterThanOrEqualTo(totalCycles);
        BackupRotator.List(_home.HrBp).Count.Should().BeLessThanOrEqualTo(3 + kills, "backups stay bounded (a kill may strand at most one extra)");
    }

    /// <summary>Completed cycles: one byte per cycle, appended by the harness.</summary>
    private static int Done(string progress) => (int)new FileInfo(progress).Length;

    private static string Generation(string original, long gen) => original
        .Replace(ResyncHome.OldAccess, $"sk-ant-oat01-FIXTUREaccessGEN{gen:D6}", StringComparison.Ordinal)
        .Replace(ResyncHome.OldRefresh, $"sk-ant-ort01-FIXTURErefreshGEN{gen:D6}", StringComparison.Ordinal)
        .Replace(ResyncHome.OldExpires.ToString(System.Globalization.CultureInfo.InvariantCulture), (ExpiresBase + gen).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public void Dispose() => _home.Dispose();
}
