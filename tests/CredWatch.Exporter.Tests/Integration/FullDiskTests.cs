using System.Text.Json;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Resync;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tests.AlertMapping;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Integration;

/// <summary>
/// The state dir on a real tmpfs that fills up while the daemon runs: metrics and alerts go on from memory, the
/// error is counted and logged, no torn or temp file is left, and state is saved again once space returns.
/// </summary>
[Collection(nameof(FullDiskTests))]
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // tmpfs and Unix modes: CredWatch runs on Linux
public sealed class FullDiskTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_full_state_disk_costs_no_alert_and_no_state_and_saving_resumes_when_space_returns()
    {
        await using var env = await AlertingHome.CreateAsync();
        using var disk = new TmpfsMount(env.Home.StateDir, 512);
        var daemonEnv = env.DaemonEnvironment();
        await using var daemon = await CredWatchProcess.StartDaemonAsync(env.Home.Home, env.Home.StateDir, daemonEnv);
        await Eventually.Until(() => env.Server.DeliveredMessages.Any(m => m.Text!.Contains("Stale copy", StringComparison.Ordinal)), Deadline, "the stale copy alert at start");
        var positions = Path.Combine(env.Home.StateDir, "logtail-positions.json");
        await Eventually.Until(() => File.Exists(positions), Deadline, "positions saved while there is space");

        disk.Fill();
        const string Run1 = "0d15c0f1-0000-4000-8000-000000000001";
        env.AppendLog(AlertingHome.JsonLine($"[warn] Subagent announce give up (retry-limit) run={Run1} child=agent:main:subagent:0f1e requester=agent:main:main retries=3 endedAgo=1s"));

        await Eventually.Until(() => env.Server.DeliveredMessages.Any(m => m.Text!.Contains(Run1, StringComparison.Ordinal)), Deadline, "an alert goes out with the disk full");
        var metrics = string.Empty;
        await Eventually.UntilAsync(
            async () => Scrape.Value(metrics = await daemon.ScrapeAsync(), "credwatch_state_file_errors_total", ("file", "logtail-positions.json"), ("reason", "no_space")) >= 1,
            Deadline, "the full disk is counted");
        Scrape.Value(metrics, "credwatch_log_signals_total", ("signal", "announce_give_up")).Should().BeGreaterThanOrEqualTo(1, "metrics go on from memory");
        await Eventually.Until(() => daemon.Output.Contains("Cannot save state file " + positions + " (no_space", StringComparison.Ordinal), Deadline, "one log line names the file and the reason");

        disk.Files().Should().NotContain(f => f.EndsWith(".tmp", StringComparison.Ordinal), "a failed save leaves no temp file");
        foreach (var json in disk.Files().Where(f => f.EndsWith(".json", StringComparison.Ordinal)))
        {
            var act = () => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(disk.Dir, json))).Dispose();
            act.Should().NotThrow($"{json} is the old or the new document, never a torn one");
        }

        disk.Free();
        const string Run2 = "0d15c0f1-0000-4000-8000-000000000002";
        env.AppendLog(AlertingHome.JsonLine($"[warn] Subagent announce give up (retry-limit) run={Run2} child=agent:main:subagent:0f1f requester=agent:main:main retries=3 endedAgo=1s"));
        await Eventually.Until(() => env.Server.DeliveredMessages.Any(m => m.Text!.Contains(Run2, StringComparison.Ordinal)), Deadline, "alerts after space returned");
        await Eventually.Until(() => daemon.Output.Contains("State file " + positions + " saved again", StringComparison.Ordinal), Deadline, "saving resumes");
        await Eventually.Until(() => File.ReadAllText(positions).Contains(new FileInfo(env.GatewayLog).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            Deadline, "the saved position is the end of the log");
        var outbox = Path.Combine(env.Home.StateDir, "alerts", "outbox.json");
        Scrape.Value(await daemon.ScrapeAsync(), "credwatch_state_file_errors_total", ("file", "alerts/outbox.json"), ("reason", "no_space")).Should().BeGreaterThanOrEqualTo(1);
        await Eventually.Until(() => daemon.Output.Contains("State file " + outbox + " saved again", StringComparison.Ordinal), Deadline, "the outbox is saved again");
        disk.Files().Should().NotContain(f => f.EndsWith(".tmp", StringComparison.Ordinal));
        env.AssertOnlySent();
    }

    [Fact]
    public async Task A_fingerprint_key_created_on_a_full_disk_is_counted_logged_never_torn_and_saved_once_space_returns()
    {
        using var home = new TempHome();
        var rescan = new Dictionary<string, string> { ["CREDWATCH_SCAN__RESCANINTERVAL"] = "00:00:01" };
        using var disk = new TmpfsMount(home.StateDir, 256);
        var key = Path.Combine(disk.Dir, Fingerprinter.KeyFileName);
        var history = Path.Combine(disk.Dir, FingerprintHistory.FileName);
        disk.Fill();
        string saved;
        await using (var daemon = await CredWatchProcess.StartDaemonAsync(home.Home, home.StateDir, rescan))
        {
            var metrics = await daemon.ScrapeAsync();
            Scrape.Value(metrics, "credwatch_state_file_errors_total", ("file", Fingerprinter.KeyFileName), ("reason", "no_space")).Should().BeGreaterThanOrEqualTo(1, "each failed save counts: {0}", metrics);
            Scrape.Value(metrics, "credwatch_store_up").Should().NotBeNull("the daemon scans and serves metrics on an in-memory key");
            daemon.Output.Should().Contain("Cannot save state file " + key + " (no_space").And.Contain("using an in-memory fingerprint key");
            disk.Files().Should().NotContain(f => f.StartsWith(Fingerprinter.KeyFileName, StringComparison.Ordinal), "no key file, whole or torn, and no temp file");

            // Space returns while it runs: the same key is saved at the next scan, and the history made with it after it.
            disk.Free();
            await Eventually.Until(() => File.Exists(key), Deadline, "the key saved once there is space, without a restart");
            saved = File.ReadAllText(key);
            saved.Should().MatchRegex("^[0-9a-f]{64}\n$", "the key is written whole");
            File.GetUnixFileMode(key).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await Eventually.Until(() => daemon.Output.Contains("State file " + key + " saved again", StringComparison.Ordinal), Deadline, "the recovery is logged");
            await Eventually.Until(() => File.Exists(history), Deadline, "the fingerprint history is saved with its key");
            await daemon.KillAsync();
        }

        await using var next = await CredWatchProcess.StartDaemonAsync(home.Home, home.StateDir, rescan);
        File.ReadAllText(key).Should().Be(saved, "the next start uses the key the history was made with");
        (Scrape.Value(await next.ScrapeAsync(), "credwatch_state_file_errors_total", ("file", Fingerprinter.KeyFileName), ("reason", "no_space")) ?? 0).Should().Be(0);
        next.Output.Should().NotContain("in-memory fingerprint key");
    }

    [Fact]
    public void Resync_on_a_full_disk_leaves_the_openclaw_store_whole_and_no_temp_file()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cw-enospc-" + Guid.NewGuid().ToString("N")[..8]);
        using (var disk = new TmpfsMount(dir, 64))
        {
            var store = Path.Combine(dir, "auth-profiles.json");
            var before = "{\"version\":1,\"profiles\":{}}"u8.ToArray();
            File.WriteAllBytes(store, before);
            disk.Fill();

            var act = () => AtomicFileWriter.Write(store, new byte[16 * 1024]);

            act.Should().Throw<IOException>().Which.HResult.Should().Be(28, "ENOSPC");
            File.ReadAllBytes(store).Should().Equal(before);
            disk.Files().Should().Equal("auth-profiles.json");
        }

        Directory.Delete(dir);
    }
}
