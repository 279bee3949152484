using System.Text;
using CredWatch.Exporter.Resync;
using CredWatch.TestSupport.Requirements;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Resync;

[System.Runtime.Versioning.SupportedOSPlatform("linux")] // Unix modes, /proc and real processes: CredWatch runs on Linux
public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly ResyncHome _home = new();

    [Fact]
    public void Replaces_content_tightens_a_world_readable_store_to_0600_and_leaves_no_temp_file()
    {
        File.SetUnixFileMode(_home.HrBp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        AtomicFileWriter.Write(_home.HrBp, "{\"new\":true}\n"u8);

        File.ReadAllText(_home.HrBp).Should().Be("{\"new\":true}\n");
        File.GetUnixFileMode(_home.HrBp).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(Path.GetDirectoryName(_home.HrBp)!, "*.tmp").Should().BeEmpty();
    }

    [RequiresRootFact] // only root can chown to another user
    public void Keeps_the_owner_when_running_as_root()
    {
        UnixNative.SetOwner(_home.HrBp, 4321, 4322);

        AtomicFileWriter.Write(_home.HrBp, "{}\n"u8);

        UnixNative.GetOwner(_home.HrBp).Should().Be(((uint)4321, (uint)4322));
    }

    [Fact]
    public void Backups_are_private_hold_the_previous_bytes_and_are_bounded()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));
        var first = File.ReadAllBytes(_home.HrBp);
        var paths = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            paths.Add(BackupRotator.Write(_home.HrBp, Encoding.UTF8.GetBytes($"v{i}"), time, keep: 5));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var kept = BackupRotator.List(_home.HrBp);
        kept.Should().Equal(paths.Skip(3));
        File.ReadAllText(kept[^1]).Should().Be("v7");
        kept.Should().OnlyContain(p => File.GetUnixFileMode(p) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Path.GetFileName(kept[0]).Should().Be("auth-profiles.json.credwatch-bak.20261125T030003000Z");
        File.ReadAllBytes(_home.HrBp).Should().Equal(first, "a backup never touches the store itself");
    }

    [Fact]
    public void A_failed_write_leaves_the_target_untouched()
    {
        var before = File.ReadAllBytes(_home.HrBp);
        var missingDir = Path.Combine(_home.Root, "no-such-dir", "auth-profiles.json");

        var act = () => AtomicFileWriter.Write(missingDir, "{}"u8);

        act.Should().Throw<IOException>();
        File.ReadAllBytes(_home.HrBp).Should().Equal(before);
    }

    public void Dispose() => _home.Dispose();
}
