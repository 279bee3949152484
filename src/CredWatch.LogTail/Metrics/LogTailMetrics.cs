using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using CredWatch.LogTail.Signals;

namespace CredWatch.LogTail.Metrics;

/// <summary>
/// LogTail's instruments. All observable, reading counters kept here, so nothing counted before the
/// exporter starts listening is lost, and every known signal×provider pair is exported from 0.
/// </summary>
internal sealed class LogTailMetrics
{
    private readonly ConcurrentDictionary<(string Signal, string Provider), StrongBox<long>> _signals = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _rotations = Zeros(RotationKinds.All);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _skipped = Zeros(SkipReasons.All);
    private readonly ConcurrentDictionary<string, double> _lastSignal = new(StringComparer.Ordinal);
    private long _lines;
    private long _bytes;

    public LogTailMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        foreach (var s in SignalNames.ProviderSignals)
        {
            foreach (var p in SignalNames.KnownProviders)
            {
                _signals[(s, p)] = new StrongBox<long>();
            }
        }

        foreach (var s in SignalNames.RunSignals)
        {
            _signals[(s, SignalNames.NoProvider)] = new StrongBox<long>();
        }

        var meter = meterFactory.Create(LogTailMetricNames.MeterName);
        meter.CreateObservableCounter(LogTailMetricNames.Signals, ObserveSignals, "{signal}", "Failure signals read in OpenClaw's logs (failures, not lines)");
        meter.CreateObservableCounter(LogTailMetricNames.Lines, () => Interlocked.Read(ref _lines), "{line}", "Log lines read");
        meter.CreateObservableCounter(LogTailMetricNames.ReadBytes, () => Interlocked.Read(ref _bytes), "{byte}", "Log bytes read");
        meter.CreateObservableCounter(LogTailMetricNames.Rotations, () => Observe(_rotations, "kind"), "{rotation}", "Log rotations, truncations and replacements seen");
        meter.CreateObservableCounter(LogTailMetricNames.SkippedLines, () => Observe(_skipped, "reason"), "{line}", "Lines skipped or read in a degraded way");
        meter.CreateObservableGauge(LogTailMetricNames.LastSignalTimestamp, ObserveLast, "s", "Time of the last counted signal (Unix seconds)");
    }

    public void AddLines(long n) => Interlocked.Add(ref _lines, n);

    public void AddBytes(long n) => Interlocked.Add(ref _bytes, n);

    public void AddRotation(string kind) => Interlocked.Increment(ref _rotations.GetOrAdd(kind, _ => new StrongBox<long>()).Value);

    public void AddSkipped(string reason) => Interlocked.Increment(ref _skipped.GetOrAdd(reason, _ => new StrongBox<long>()).Value);

    public void Signal(LogSignal signal)
    {
        Interlocked.Increment(ref _signals.GetOrAdd((signal.Signal, signal.Provider), _ => new StrongBox<long>()).Value);
        var ts = signal.Time.ToUnixTimeMilliseconds() / 1000.0;
        _lastSignal.AddOrUpdate(signal.Signal, ts, (_, old) => Math.Max(old, ts));
    }

    internal long SignalCount(string signal, string provider) =>
        _signals.TryGetValue((signal, provider), out var b) ? Interlocked.Read(ref b.Value) : 0;

    internal long LineCount => Interlocked.Read(ref _lines);

    internal long RotationCount(string kind) => _rotations.TryGetValue(kind, out var b) ? Interlocked.Read(ref b.Value) : 0;

    internal long SkippedCount(string reason) => _skipped.TryGetValue(reason, out var b) ? Interlocked.Read(ref b.Value) : 0;

    // Key order provider, signal: OTel then keeps one entry per series.
    private IEnumerable<Measurement<long>> ObserveSignals() =>
        _signals.Select(kv => new Measurement<long>(Interlocked.Read(ref kv.Value.Value), new("provider", kv.Key.Provider), new("signal", kv.Key.Signal)));

    private static IEnumerable<Measurement<long>> Observe(ConcurrentDictionary<string, StrongBox<long>> counts, string label) =>
        counts.Select(kv => new Measurement<long>(Interlocked.Read(ref kv.Value.Value), new KeyValuePair<string, object?>(label, kv.Key)));

    private IEnumerable<Measurement<double>> ObserveLast() =>
        _lastSignal.Select(kv => new Measurement<double>(kv.Value, new KeyValuePair<string, object?>("signal", kv.Key)));

    private static ConcurrentDictionary<string, StrongBox<long>> Zeros(IEnumerable<string> keys) =>
        new(keys.Select(k => KeyValuePair.Create(k, new StrongBox<long>())), StringComparer.Ordinal);
}
