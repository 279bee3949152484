using System.Globalization;

namespace AotBench;

/// <summary>One daemon run: start-up, the steady samples (one a second after /readyz) and the breakdown at the end.</summary>
internal sealed record RunResult(
    string Name,
    double StartupMs,
    IReadOnlyList<Sample> Samples,
    MemoryBreakdown Breakdown,
    int Stores,
    double LogLines)
{
    public double RssMedian => Median(Samples.Select(s => s.AnonMb + s.FileMb));

    public double RssMax => Samples.Max(s => s.AnonMb + s.FileMb);

    public double AnonMedian => Median(Samples.Select(s => s.AnonMb));

    public double AnonMax => Samples.Max(s => s.AnonMb);

    public double FileMedian => Median(Samples.Select(s => s.FileMb));

    public double ThreadsMedian => Median(Samples.Select(s => (double)s.Threads));

    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-12} start-up {StartupMs,6:F0} ms | RSS median {RssMedian,5:F1} max {RssMax,5:F1} MB = anon {AnonMedian,5:F1} (max {AnonMax,5:F1}) + file {FileMedian,5:F1} | threads {ThreadsMedian,3:F0} | store_up series {Stores}, log lines read {LogLines:F0}\n" +
        $"{string.Empty,-12} at the end: {Breakdown}");
}

/// <summary>One sample of /proc/PID/status: RssAnon + RssShmem, RssFile (MB) and the thread count.</summary>
internal readonly record struct Sample(double AnonMb, double FileMb, int Threads);
