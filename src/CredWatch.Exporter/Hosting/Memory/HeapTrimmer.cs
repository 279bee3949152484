using System.Diagnostics;
using System.Diagnostics.Metrics;
using CredWatch.Exporter.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Hosting.Memory;

/// <summary>
/// Gives the heap's slack back to the OS after the moments that leave it: the cold scan (its garbage is promoted
/// before it dies), the first scrapes (OTel's response buffer grows by doubling in the large object heap and the
/// outgrown buffers stay there, ~5 MB at 1,000 agents) and fleet changes. The GC never compacts the large object
/// heap on its own and keeps what it committed, so without this the daemon carries that high-water mark for life
/// (bench/CoreBench, 1,000 agents, AOT: ~8 MB of 103). Checking is a read of the last collection's figures; a trim
/// (one blocking compacting collection, ~15–30 ms at 1,000 agents) runs only when at least
/// <see cref="HeapTrimOptions.MinReclaimableBytes"/> would come back, and at most once per
/// <see cref="HeapTrimOptions.MinTrimInterval"/>. In steady state the heap makes no new slack, so nothing runs.
/// </summary>
internal sealed class HeapTrimmer : BackgroundService
{
    private readonly IHeap _heap;
    private readonly HeapTrimOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HeapTrimmer> _logger;
    private readonly Counter<long> _trims;
    private readonly Counter<long> _trimmedBytes;
    private long? _lastTrim;

    public HeapTrimmer(IHeap heap, IOptions<HeapTrimOptions> options, TimeProvider time, ILogger<HeapTrimmer> logger, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _heap = heap;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var meter = meterFactory.Create(MetricNames.Meter);
        _trims = meter.CreateCounter<long>(MetricNames.HeapTrims, "{trim}", "Compacting collections run to hand the heap's slack back to the OS");
        _trimmedBytes = meter.CreateCounter<long>(MetricNames.HeapTrimmedBytes, "By", "GC-committed memory handed back to the OS by heap trims");
        // Created at 0, like every CredWatch counter, so rate() and absent() see the series from the first scrape.
        _trims.Add(0);
        _trimmedBytes.Add(0);
    }

    /// <summary>One check: trims when enough is reclaimable and the last trim is old enough. True when it trimmed.</summary>
    internal bool CheckOnce()
    {
        var before = _heap.Measure();
        if (before.ReclaimableBytes < _options.MinReclaimableBytes)
        {
            return false;
        }

        var now = _time.GetTimestamp();
        if (_lastTrim is { } last && _time.GetElapsedTime(last, now) < _options.MinTrimInterval)
        {
            return false;
        }

        _lastTrim = now;
        var clock = Stopwatch.StartNew();
        _heap.Compact();
        var after = _heap.Measure();
        _trims.Add(1);
        _trimmedBytes.Add(Math.Max(0, before.CommittedBytes - after.CommittedBytes));
        HeapTrimLog.Trimmed(_logger, before.ReclaimableBytes / 1048576.0, before.CommittedBytes / 1048576.0, after.CommittedBytes / 1048576.0, clock.Elapsed.TotalMilliseconds);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Trim)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.CheckInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                CheckOnce();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
