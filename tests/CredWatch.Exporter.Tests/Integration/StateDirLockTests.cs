using System.Globalization;
using CredWatch.Exporter.Tests.Support;
using CredWatch.State;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Integration;

/// <summary>Two real daemons on one state dir: the second refuses to start; after a kill -9 of the first a new one starts.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // flock and Unix modes: CredWatch runs on Linux
public sealed class StateDirLockTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task A_second_daemon_on_the_same_state_dir_refuses_with_one_line_naming_the_first_ones_pid()
    {
        await using var first = await CredWatchProcess.StartDaemonAsync(_home.Home, _home.StateDir);
        var port = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture);

        var (code, stdout, stderr) = await CredWatchProcess.RunAsync(
            ["run", "--home", _home.Home, "--state-dir", _home.StateDir, "--web.listen-address", "127.0.0.1:" + port]);

        code.Should().Be(4, stdout + stderr);
        var lines = (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle().Which.Should().Be(
            $"credwatch: another CredWatch (pid {first.Pid}) already uses state dir {_home.StateDir}; stop it, or give this one its own --state-dir");
        first.HasExited.Should().BeFalse();
        File.GetUnixFileMode(Path.Combine(_home.StateDir, StateDirLock.FileName)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // A crash releases the lock with the process (the kernel drops it): the next start succeeds.
        await first.KillAsync();
        await using var next = await CredWatchProcess.StartDaemonAsync(_home.Home, _home.StateDir);
        next.HasExited.Should().BeFalse();
    }
}
