using System.Globalization;
using CoreBench;

// CoreBench: N OpenClaw agent stores (70 % auth-profiles.json, 30 % SQLite) + a Claude store.
// In-process: full scan timings. Out of process (the real `credwatch run`): /metrics scrape latency and CPU, RSS.
// Peer side by side: the same /metrics bytes served statically. 100 vs 1,000 agents side by side.
// Usage: CoreBench [agents...] [--daemon PATH]   (default 100 1000; daemon = the built src/CredWatch.Exporter).
var daemonArg = Array.IndexOf(args, "--daemon");
var daemon = daemonArg >= 0 ? args[daemonArg + 1] : FindDaemon();
var sizes = args.Where((a, i) => i != daemonArg && i != daemonArg + 1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
sizes = sizes.Length > 0 ? sizes : [100, 1000];
Console.WriteLine($"daemon: {daemon}; {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
var rows = new List<(int Agents, double Cold, double Warm, DaemonResult D, Stats Peer)>();
foreach (var n in sizes)
{
    Console.WriteLine($"{n} agents:");
    using var home = BenchHome.Create(n);
    var (cold, warm) = await ScanBench.RunAsync(home, n);
    var d = await DaemonBench.RunAsync(daemon, home, n, burst: 30, spaced: 20, gap: TimeSpan.FromSeconds(1));
    var peer = await StaticPeer.RunAsync(d.Body, 20);
    Console.WriteLine($"  daemon: first scrape {d.FirstScrapeMs:F0} ms; back-to-back {d.BurstMs} ms; 1 s apart {d.SpacedMs} ms, CPU {d.CpuMs} ms/scrape");
    Console.WriteLine($"  daemon RSS {d.RssMb} MB (peak {d.PeakRssMb:F0}; {d.RssBreakdown}); {d.Series} series, {d.Bytes / 1e6:F1} MB");
    Console.WriteLine($"  peer (same bytes, static Kestrel response): {peer} ms");
    rows.Add((n, cold, warm, d, peer));
}

Console.WriteLine();
Console.WriteLine($"{"agents",7} {"cold scan",10} {"warm scan",10} {"1st scrape",11} {"scrape p50",11} {"scrape CPU",11} {"static peer",12} {"RSS MB",7} {"peak",6} {"series",7}");
foreach (var (n, cold, warm, d, peer) in rows)
{
    Console.WriteLine($"{n,7} {cold,10:F1} {warm,10:F1} {d.FirstScrapeMs,11:F0} {d.SpacedMs.P50,11:F1} {d.CpuMs.P50,11:F0} {peer.P50,12:F1} {d.RssMb.P50,7:F0} {d.PeakRssMb,6:F0} {d.Series,7}");
}

if (rows.Count >= 2)
{
    var (a, b) = (rows[0], rows[^1]);
    Console.WriteLine($"ratio {b.Agents}/{a.Agents} agents: scan x{b.Warm / a.Warm:F1}, scrape x{b.D.SpacedMs.P50 / a.D.SpacedMs.P50:F1}, RSS x{b.D.RssMb.P50 / a.D.RssMb.P50:F2}, series x{(double)b.D.Series / a.D.Series:F1}");
}

var last = rows[^1];
Console.WriteLine($"scrape vs static peer ({last.Agents} agents): x{last.D.SpacedMs.P50 / last.Peer.P50:F1}");
Console.WriteLine($"targets ({last.Agents} agents): cold scan {last.Cold:F0}/200 ms, warm scan {last.Warm:F0}/200 ms, scrape {last.D.SpacedMs.P50:F0}/50 ms, RSS {last.D.RssMb.P50:F0}/100 MB");

static string FindDaemon()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CredWatch.sln")))
    {
        dir = dir.Parent;
    }

#if DEBUG
    const string configuration = "Debug";
#else
    const string configuration = "Release";
#endif
    var path = dir is null ? null : Path.Combine(dir.FullName, "src", "CredWatch.Exporter", "bin", configuration, "net10.0", "credwatch");
    return path is not null && File.Exists(path) ? path : throw new FileNotFoundException("credwatch not built; pass --daemon PATH", path);
}
