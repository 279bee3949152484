using System.Diagnostics.Metrics;
using CredWatch.Exporter.Hosting.Memory;
using CredWatch.Exporter.Metrics;
using CredWatch.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Hosting;

/// <summary>
/// The heap trimmer compacts only when the last collection left enough slack, never more often than allowed, and
/// counts what it handed back. The decision runs against a scripted heap; <see cref="RealGcHeapTests"/> drives the real GC.
/// </summary>
public sealed class HeapTrimmerTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Trims_only_above_the_threshold_and_at_most_once_per_interval_and_counts_the_bytes_handed_back()
    {
        var heap = new ScriptedHeap { Slack = new HeapSlack(HeapBytes: 50 * MiB, FragmentedBytes: 5 * MiB, CommittedBytes: 56 * MiB) };
        using var trims = Collector(MetricNames.HeapTrims);
        using var bytes = Collector(MetricNames.HeapTrimmedBytes);
        using var trimmer = Create(heap, new HeapTrimOptions { MinReclaimableBytes = 8 * MiB, MinTrimInterval = TimeSpan.FromMinutes(1) });

        trims.LastMeasurement!.Value.Should().Be(0, "the counters exist from start-up");
        heap.Slack = new HeapSlack(50 * MiB, 2 * MiB, 54 * MiB); // 6 MiB reclaimable: below 8
        trimmer.CheckOnce().Should().BeFalse();
        heap.Compactions.Should().Be(0);

        heap.Slack = new HeapSlack(50 * MiB, 5 * MiB, 56 * MiB); // 11 MiB
        heap.AfterCompaction = new HeapSlack(40 * MiB, 0, 41 * MiB);
        trimmer.CheckOnce().Should().BeTrue();
        heap.Compactions.Should().Be(1);
        trims.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(1);
        bytes.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(15 * MiB, "committed went from 56 to 41 MiB");

        heap.Slack = new HeapSlack(50 * MiB, 9 * MiB, 60 * MiB);
        _time.Advance(TimeSpan.FromSeconds(59));
        trimmer.CheckOnce().Should().BeFalse("the last trim is younger than MinTrimInterval");
        _time.Advance(TimeSpan.FromSeconds(1));
        trimmer.CheckOnce().Should().BeTrue();
        heap.Compactions.Should().Be(2);
    }

    [Fact]
    public async Task The_service_checks_on_its_interval_and_does_nothing_when_switched_off()
    {
        var heap = new ScriptedHeap { Slack = new HeapSlack(30 * MiB, 10 * MiB, 45 * MiB) };
        using (var on = Create(heap, new HeapTrimOptions { CheckInterval = TimeSpan.FromSeconds(5) }))
        {
            await on.StartAsync(CancellationToken.None);
            heap.Compactions.Should().Be(0, "nothing runs before the first interval");
            await Eventually.UntilAsync(() =>
            {
                _time.Advance(TimeSpan.FromSeconds(5));
                return Task.FromResult(heap.Compactions == 1);
            }, because: "the first check after 5 s finds 25 MiB reclaimable");
            await on.StopAsync(CancellationToken.None);
        }

        var idle = new ScriptedHeap { Slack = heap.Slack };
        using var off = Create(idle, new HeapTrimOptions { Trim = false });
        await off.StartAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));
        await off.StopAsync(CancellationToken.None);
        idle.Measurements.Should().Be(0, "Trim=false: the heap is not even looked at");
    }

    [Fact]
    public void Options_that_would_storm_or_never_pay_are_refused_at_start()
    {
        var validator = new HeapTrimOptionsValidator();
        validator.Validate(null, new HeapTrimOptions()).Succeeded.Should().BeTrue();
        var bad = validator.Validate(null, new HeapTrimOptions { CheckInterval = TimeSpan.FromMilliseconds(100), MinTrimInterval = TimeSpan.FromSeconds(1), MinReclaimableBytes = 4096 });
        bad.Failed.Should().BeTrue();
        bad.FailureMessage.Should().Contain("CheckInterval").And.Contain("MinTrimInterval").And.Contain("MinReclaimableBytes");

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CredWatch:Memory:Trim"] = "false",
            ["CredWatch:Memory:MinReclaimableBytes"] = "16777216",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddMetrics().AddCredWatchHeapTrim(configuration).BuildServiceProvider();
        var bound = provider.GetRequiredService<IOptions<HeapTrimOptions>>().Value;
        bound.Trim.Should().BeFalse();
        bound.MinReclaimableBytes.Should().Be(16 * MiB);
    }

    private HeapTrimmer Create(IHeap heap, HeapTrimOptions options) =>
        new(heap, Options.Create(options), _time, NullLogger<HeapTrimmer>.Instance, _services.GetRequiredService<IMeterFactory>());

    private MetricCollector<long> Collector(string name) => new(_services.GetRequiredService<IMeterFactory>(), MetricNames.Meter, name);

    private sealed class ScriptedHeap : IHeap
    {
        public HeapSlack Slack { get; set; }

        public HeapSlack? AfterCompaction { get; set; }

        public int Compactions { get; private set; }

        public int Measurements { get; private set; }

        public HeapSlack Measure()
        {
            Measurements++;
            return Slack;
        }

        public void Compact()
        {
            Compactions++;
            if (AfterCompaction is { } after)
            {
                Slack = after;
            }
        }
    }
}
