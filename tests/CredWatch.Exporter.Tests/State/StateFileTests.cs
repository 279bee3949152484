using System.Diagnostics.Metrics;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tasks;
using CredWatch.Exporter.Tests.Support;
using CredWatch.State;
using CredWatch.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.State;

/// <summary>The one state-file writer and the rules every state file follows, on real files.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // Unix modes: CredWatch runs on Linux
public sealed class StateFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cw-state-" + Guid.NewGuid().ToString("N")[..8], "state");
    private readonly ServiceProvider _services;
    private readonly CapturingLoggerProvider _logs = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero));

    public StateFileTests()
    {
        _services = new ServiceCollection().AddLogging(b => b.AddProvider(_logs)).AddCredWatchStateFiles().BuildServiceProvider();
        Errors = new MetricCollector<long>(_services.GetRequiredService<IMeterFactory>(), StateFileReporter.MeterName, StateFileReporter.ErrorsInstrument);
    }

    private MetricCollector<long> Errors { get; }

    /// <summary>The counter's current values, one per (file, reason).</summary>
    private IReadOnlyList<CollectedMeasurement<long>> Observed()
    {
        Errors.RecordObservableInstruments();
        return Errors.GetMeasurementSnapshot(clear: true);
    }

    private StateFileReporter Reporter => _services.GetRequiredService<StateFileReporter>();

    public void Dispose()
    {
        Errors.Dispose();
        _services.Dispose();
        Directory.Delete(Path.GetDirectoryName(_dir)!, recursive: true);
    }

    [Fact]
    public void Writes_are_private_from_birth_in_a_private_directory_and_leave_no_temp_file()
    {
        var path = Path.Combine(_dir, "alerts", "outbox.json");

        StateFile.Write(path, "{\"a\":1}"u8);
        StateFile.Write(path, "{\"a\":2}"u8);

        File.ReadAllText(path).Should().Be("{\"a\":2}");
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.Combine(_dir, "alerts")).Should().Be(StateFile.PrivateDirectory);
        File.GetUnixFileMode(_dir).Should().Be(StateFile.PrivateDirectory);
        Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Should().Equal(path);
    }

    [Fact]
    public void A_corrupt_file_is_set_aside_with_its_time_never_over_an_earlier_one_counted_and_logged()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, CountedTaskStore.FileName);
        File.WriteAllText(path, "{ torn one");
        new CountedTaskStore(_dir, Reporter, _time).Load();
        File.WriteAllText(path, "{ torn two");
        var store = new CountedTaskStore(_dir, Reporter, _time);
        store.Load();

        File.ReadAllText(path + ".corrupt-20261205T080000Z").Should().Be("{ torn one");
        File.ReadAllText(path + ".corrupt-20261205T080000Z-1").Should().Be("{ torn two");
        File.Exists(path).Should().BeFalse();
        store.SaveIfDirty().Should().BeTrue();
        store.GetOrAdd("t-1", "subagent");
        store.SaveIfDirty().Should().BeTrue();
        File.ReadAllText(path).Should().Contain("t-1");
        Observed().Should().ContainSingle().Which.Should().Match<CollectedMeasurement<long>>(m =>
            m.Value == 2 && (string)m.Tags["file"]! == CountedTaskStore.FileName && (string)m.Tags["reason"]! == StateFileReasons.InvalidContent);
        _logs.Text.Should().Contain("[6000]").And.Contain("set aside as " + path + ".corrupt-20261205T080000Z");
    }

    [Fact]
    public void An_unreadable_file_is_kept_and_never_overwritten()
    {
        // A directory where the file should be: unreadable even for root (EISDIR), like EACCES or EIO would be.
        var path = Path.Combine(_dir, "alerts", "outbox.json");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "evidence"), "kept");
        var file = new PersistedFile(path, "alerts/outbox.json", Reporter, _time);

        file.Load().Should().BeNull();
        file.Blocked.Should().BeTrue();
        file.TrySave("{}"u8).Should().BeFalse();

        File.ReadAllText(Path.Combine(path, "evidence")).Should().Be("kept");
        Observed().Should().ContainSingle().Which.Tags["file"].Should().Be("alerts/outbox.json");
        _logs.Text.Should().Contain("[6001]").And.Contain("will not be overwritten");
    }

    [Fact]
    public void A_corrupt_fingerprint_key_is_set_aside_and_replaced_and_the_seen_fingerprints_are_kept_aside()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, Fingerprinter.KeyFileName), "not hex\n");
        File.WriteAllText(Path.Combine(_dir, FingerprintHistory.FileName), "[1,2");

        var fp = Fingerprinter.LoadOrCreate(_dir, Reporter, _time);
        var history = FingerprintHistory.Load(_dir, Reporter, _time);

        fp.Ephemeral.Should().BeFalse();
        Fingerprinter.LoadOrCreate(_dir).Of("x").Should().Be(fp.Of("x"), "the new key was saved");
        File.ReadAllText(Path.Combine(_dir, Fingerprinter.KeyFileName + ".corrupt-20261205T080000Z")).Should().Be("not hex\n");
        File.ReadAllText(Path.Combine(_dir, FingerprintHistory.FileName + ".corrupt-20261205T080000Z")).Should().Be("[1,2");
        history.Contains("k", fp.Of("x")).Should().BeFalse();
        Observed().Select(m => (string)m.Tags["file"]!).Should().BeEquivalentTo([Fingerprinter.KeyFileName, FingerprintHistory.FileName]);
    }
}
