using System.Globalization;

namespace AotBench;

/// <summary>One variant over all rounds: medians of the per-run medians, with their range.</summary>
internal sealed record Summary(string Name, IReadOnlyList<RunResult> Runs)
{
    public double Startup => RunResult.Median(Runs.Select(r => r.StartupMs));

    public double Rss => RunResult.Median(Runs.Select(r => r.RssMedian));

    public double RssMax => Runs.Max(r => r.RssMax);

    public double Anon => RunResult.Median(Runs.Select(r => r.AnonMedian));

    public double File => RunResult.Median(Runs.Select(r => r.FileMedian));

    public static Summary Of(string name, IReadOnlyList<RunResult> runs) => new(name, runs);

    public override string ToString()
    {
        string M(Func<RunResult, double> f, string format) => string.Create(CultureInfo.InvariantCulture,
            $"{RunResult.Median(Runs.Select(f)).ToString(format, CultureInfo.InvariantCulture)} [{Runs.Min(f).ToString(format, CultureInfo.InvariantCulture)}–{Runs.Max(f).ToString(format, CultureInfo.InvariantCulture)}]");
        return string.Create(CultureInfo.InvariantCulture,
            $"{Name,-12} start-up {M(r => r.StartupMs, "F0")} ms | RSS {M(r => r.RssMedian, "F1")} MB, max {RssMax:F1} | anon {M(r => r.AnonMedian, "F1")} + file {M(r => r.FileMedian, "F1")} | threads {M(r => r.ThreadsMedian, "F0")}\n" +
            $"{string.Empty,-12} breakdown: exe file {M(r => r.Breakdown.FileExeMb, "F1")}, libs file {M(r => r.Breakdown.FileLibsMb, "F1")}, image anon {M(r => r.Breakdown.AnonImageMb, "F1")}, " +
            $"GC heap {M(r => r.Breakdown.AnonGcMb, "F1")}, malloc {M(r => r.Breakdown.AnonMallocMb, "F1")}, other anon {M(r => r.Breakdown.AnonOtherMb, "F1")}");
    }
}
