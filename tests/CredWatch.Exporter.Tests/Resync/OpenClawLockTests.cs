using System.Diagnostics;
using System.Text.Json;
using CredWatch.Exporter.Resync;
using CredWatch.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Resync;

[System.Runtime.Versioning.SupportedOSPlatform("linux")] // Unix modes, /proc and real processes: CredWatch runs on Linux
public sealed class OpenClawLockTests : IDisposable
{
    private static readonly OpenClawLockOptions Fast = new()
    {
        Retries = 3,
        MinBackoff = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(20),
    };

    private readonly ResyncHome _home = new();

    private string LockPath => _home.HrBp + ".lock";

    [Fact]
    public async Task Acquire_creates_an_OpenClaw_shaped_private_lock_and_release_deletes_it()
    {
        var got = await OpenClawLock.AcquireAsync(_home.HrBp, Fast, TimeProvider.System, NullLogger.Instance, default);

        got.Acquired.Should().BeTrue();
        got.Lock!.LockPath.Should().Be(LockPath);
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(LockPath)))
        {
            doc.RootElement.GetProperty("pid").GetInt32().Should().Be(Environment.ProcessId);
            DateTimeOffset.Parse(doc.RootElement.GetProperty("createdAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                .Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        }

        File.GetUnixFileMode(LockPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await got.Lock.DisposeAsync();
        File.Exists(LockPath).Should().BeFalse();
    }

    [Fact]
    public async Task A_live_lock_is_honoured_until_retries_run_out()
    {
        await using var first = (await OpenClawLock.AcquireAsync(_home.HrBp, Fast, TimeProvider.System, NullLogger.Instance, default)).Lock!;

        var second = await OpenClawLock.AcquireAsync(_home.HrBp, Fast, TimeProvider.System, NullLogger.Instance, default);

        second.Acquired.Should().BeFalse();
        second.FailureReason.Should().Be(ResyncReasons.LockTimeout);
        first.IsStillHeld().Should().BeTrue();
    }

    [Fact]
    public async Task Release_leaves_a_lock_that_is_no_longer_ours()
    {
        var held = (await OpenClawLock.AcquireAsync(_home.HrBp, Fast, TimeProvider.System, NullLogger.Instance, default)).Lock!;
        var theirs = $"{{\"pid\":{Environment.ProcessId},\"createdAt\":\"2026-01-01T00:00:00.000Z\"}}";
        File.WriteAllText(LockPath, theirs);

        held.IsStillHeld().Should().BeFalse();
        await held.DisposeAsync();

        File.ReadAllText(LockPath).Should().Be(theirs);
    }

    [Fact]
    public async Task A_lock_of_a_dead_process_is_taken_over()
    {
        var dead = await DeadPidAsync();
        File.WriteAllText(LockPath, $"{{\"pid\":{dead},\"createdAt\":\"{DateTimeOffset.UtcNow:O}\"}}");

        var got = await OpenClawLock.AcquireAsync(_home.HrBp, Fast, TimeProvider.System, NullLogger.Instance, default);

        got.Acquired.Should().BeTrue();
        got.TakeOvers.Should().Be(1);
        got.Lock!.IsStillHeld().Should().BeTrue();
        await got.Lock.DisposeAsync();
    }

    [Fact]
    public async Task A_live_owner_lock_older_than_the_stale_limit_is_still_honoured()
    {
        // OpenClaw 2026.9.6 judges a lock naming a pid by the pid only: a live process's lock is never taken by age.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var raw = $"{{\"pid\":{Environment.ProcessId},\"createdAt\":\"2026-11-25T02:50:00.000Z\"}}";
        File.WriteAllText(LockPath, raw);

        var acquiring = OpenClawLock.AcquireAsync(_home.HrBp, Fast, time, NullLogger.Instance, default);
        await Eventually.Until(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return acquiring.IsCompleted;
        }, TimeSpan.FromSeconds(60));
        var got = await acquiring;

        got.Acquired.Should().BeFalse();
        got.FailureReason.Should().Be(ResyncReasons.LockTimeout);
        got.TakeOvers.Should().Be(0);
        File.ReadAllText(LockPath).Should().Be(raw);
    }

    [Fact]
    public async Task A_lock_without_a_pid_is_judged_by_age()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(LockPath, "{\"createdAt\":\"2026-11-25T02:59:29.000Z\"}");

        var got = await OpenClawLock.AcquireAsync(_home.HrBp, Fast, time, NullLogger.Instance, default);

        got.Acquired.Should().BeTrue();
        got.TakeOvers.Should().Be(1);
        await got.Lock!.DisposeAsync();
    }

    [Fact]
    public async Task A_young_lock_of_a_live_owner_in_OpenClaw_2026_9_shape_is_honoured()
    {
        // 2026.9 writes pretty JSON + a whitespace ownership token + starttime.
        var start = ProcStartTime(Environment.ProcessId);
        var raw = $"{{\n  \"pid\": {Environment.ProcessId},\n  \"createdAt\": \"{DateTimeOffset.UtcNow:O}\",\n  \"starttime\": {start}\n}}\n\t\t\t\t\t\t\t\t \t \t\n";
        File.WriteAllText(LockPath, raw);

        var got = await OpenClawLock.AcquireAsync(_home.HrBp, Fast, TimeProvider.System, NullLogger.Instance, default);

        got.Acquired.Should().BeFalse();
        got.FailureReason.Should().Be(ResyncReasons.LockTimeout);
        File.ReadAllText(LockPath).Should().Be(raw);
    }

    [Fact]
    public async Task A_reused_pid_is_detected_by_its_start_time()
    {
        var raw = $"{{\"pid\":{Environment.ProcessId},\"createdAt\":\"{DateTimeOffset.UtcNow:O}\",\"starttime\":1}}";
        File.WriteAllText(LockPath, raw);

        var got = await OpenClawLock.AcquireAsync(_home.HrBp, Fast, TimeProvider.System, NullLogger.Instance, default);

        got.Acquired.Should().BeTrue();
        await got.Lock!.DisposeAsync();
    }

    [Fact]
    public async Task The_pre_2026_lock_directory_is_honoured_while_fresh_and_taken_over_when_old()
    {
        Directory.CreateDirectory(LockPath);

        var whileFresh = await OpenClawLock.AcquireAsync(_home.HrBp, Fast, TimeProvider.System, NullLogger.Instance, default);
        whileFresh.Acquired.Should().BeFalse();
        Directory.Exists(LockPath).Should().BeTrue();

        Directory.SetLastWriteTimeUtc(LockPath, DateTime.UtcNow.AddMinutes(-5));
        var whenOld = await OpenClawLock.AcquireAsync(_home.HrBp, Fast, TimeProvider.System, NullLogger.Instance, default);
        whenOld.Acquired.Should().BeTrue();
        File.Exists(LockPath).Should().BeTrue("the old directory was replaced by a lock file");
        await whenOld.Lock!.DisposeAsync();
    }

    [Fact]
    public async Task A_reclaim_guard_left_by_a_killed_taker_does_not_block_take_over()
    {
        var dead = await DeadPidAsync();
        File.WriteAllText(LockPath, $"{{\"pid\":{dead},\"createdAt\":\"{DateTimeOffset.UtcNow:O}\"}}");
        File.WriteAllText(LockPath + ".reclaim", $"{{\"pid\":{dead}}}\n");

        var got = await OpenClawLock.AcquireAsync(_home.HrBp, Fast, TimeProvider.System, NullLogger.Instance, default);

        got.Acquired.Should().BeTrue(got.Detail);
        File.Exists(LockPath + ".reclaim").Should().BeFalse();
        await got.Lock!.DisposeAsync();
    }

    [Fact]
    public void Backoff_doubles_from_100ms_and_caps_at_10s()
    {
        var o = new OpenClawLockOptions();
        Enumerable.Range(0, 10).Select(i => (int)OpenClawLock.Backoff(o, i).TotalMilliseconds)
            .Should().Equal(100, 200, 400, 800, 1600, 3200, 6400, 10000, 10000, 10000);
    }

    [Fact]
    public async Task Uses_the_realpath_of_the_directory_like_OpenClaw()
    {
        var link = Path.Combine(_home.Root, "agent-link");
        Directory.CreateSymbolicLink(link, Path.GetDirectoryName(_home.HrBp)!);

        var got = await OpenClawLock.AcquireAsync(Path.Combine(link, "auth-profiles.json"), Fast, TimeProvider.System, NullLogger.Instance, default);

        got.Lock!.LockPath.Should().Be(LockPath);
        await got.Lock.DisposeAsync();
    }

    [Fact]
    public async Task Competing_acquirers_over_a_stale_lock_never_both_hold_it()
    {
        File.WriteAllText(LockPath, $"{{\"pid\":{await DeadPidAsync()},\"createdAt\":\"2020-01-01T00:00:00Z\"}}");
        var counter = Path.Combine(_home.Root, "counter");
        File.WriteAllText(counter, "0");
        // Generous waits: starving one worker on a loaded 2-core box is not what this test is about.
        var patient = new OpenClawLockOptions { Retries = 50, MinBackoff = TimeSpan.FromMilliseconds(2), MaxBackoff = TimeSpan.FromMilliseconds(100) };

        async Task Worker()
        {
            for (var i = 0; i < 25; i++)
            {
                var got = await OpenClawLock.AcquireAsync(_home.HrBp, patient, TimeProvider.System, NullLogger.Instance, default);
                got.Acquired.Should().BeTrue(got.Detail);
                await using (got.Lock!)
                {
                    // Non-atomic read-modify-write: only mutual exclusion keeps the count right.
                    var n = int.Parse(File.ReadAllText(counter), System.Globalization.CultureInfo.InvariantCulture);
                    await Task.Yield();
                    File.WriteAllText(counter, (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Worker)));

        File.ReadAllText(counter).Should().Be("100");
        File.Exists(LockPath).Should().BeFalse();
    }

    public void Dispose() => _home.Dispose();

    internal static async Task<int> DeadPidAsync()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await p.WaitForExitAsync();
        return p.Id;
    }

    private static long ProcStartTime(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        return long.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[19], System.Globalization.CultureInfo.InvariantCulture);
    }
}
