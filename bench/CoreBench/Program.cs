using System.Globalization;
using CoreBench;

// CoreBench: N OpenClaw agent stores (70 % auth-profiles.json, 30 % SQLite) + a Claude store.
// In-process: full scan timings. Out of process (the real `credwatch run`): /metrics scrape latency and CPU, RSS.
// Peer side by side: the same /metrics bytes served statically. 100 vs 1,000 agents side by side.
// Usage: CoreBench [agents...] [--daemon PATH]...   (default 100 1000; daemons = the built src/CredWatch.Exporter (jit)
// and, when published, out/linux-x64/credwatch (aot: what the Docker image and the systemd unit run)).
var daemons = new List<(string Name, string Path)>();
var sizeArgs = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--daemon")
    {
        var path = args[++i];
        daemons.Add((Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? path, path));
    }
    else
    {
        sizeArgs.Add(args[i]);
    }
}

if (daemons.Count == 0)
{
    var repo = RepoRoot();
    daemons.Add(("jit", FindDaemon(repo)));
    var aot = Path.Combine(repo, "out", "linux-x64", "credwatch");
    if (File.Exists(aot))
    {
        daemons.Add(("aot", aot));
    }
}

int[] sizes = sizeArgs.Count > 0 ? [.. sizeArgs.Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [100, 1000];
Console.WriteLine($"daemons: {string.Join(", ", daemons.Select(d => $"{d.Name}={d.Path}"))}; {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
var rows = new List<(int Agents, string Build, double Cold, double Warm, DaemonResult D, Stats Peer)>();
foreach (var n in sizes)
{
    Console.WriteLine($"{n} agents:");
    using var home = BenchHome.Create(n);
    var (cold, warm) = await ScanBench.RunAsync(home, n);
    foreach (var (name, daemon) in daemons)
    {
        var d = await DaemonBench.RunAsync(daemon, home, n, burst: 30, spaced: 20, gap: TimeSpan.FromSeconds(1));
        var peer = await StaticPeer.RunAsync(d.Body, 20);
        Console.WriteLine($"  {name} daemon: first scrape {d.FirstScrapeMs:F0} ms; back-to-back {d.BurstMs} ms; 1 s apart {d.SpacedMs} ms, CPU {d.CpuMs} ms/scrape");
        Console.WriteLine($"  {name} daemon RSS {d.RssMb} MB (peak {d.PeakRssMb:F0}; {d.RssBreakdown}); {d.Series} series, {d.Bytes / 1e6:F1} MB");
        Console.WriteLine($"  peer (same bytes, static Kestrel response): {peer} ms");
        rows.Add((n, name, cold, warm, d, peer));
    }
}

Console.WriteLine();
Console.WriteLine($"{"agents",7} {"build",6} {"cold scan",10} {"warm scan",10} {"1st scrape",11} {"b2b scrape",11} {"scrape p50",11} {"scrape CPU",11} {"static peer",12} {"RSS MB",7} {"peak",6} {"series",7}");
foreach (var (n, build, cold, warm, d, peer) in rows)
{
    Console.WriteLine($"{n,7} {build,6} {cold,10:F1} {warm,10:F1} {d.FirstScrapeMs,11:F0} {d.BurstMs.P50,11:F1} {d.SpacedMs.P50,11:F1} {d.CpuMs.P50,11:F0} {peer.P50,12:F1} {d.RssMb.P50,7:F0} {d.PeakRssMb,6:F0} {d.Series,7}");
}

foreach (var build in daemons.Select(d => d.Name))
{
    var mine = rows.Where(r => r.Build == build).ToList();
    if (mine.Count >= 2)
    {
        var (a, b) = (mine[0], mine[^1]);
        Console.WriteLine($"{build}: ratio {b.Agents}/{a.Agents} agents: scan x{b.Warm / a.Warm:F1}, scrape x{b.D.SpacedMs.P50 / a.D.SpacedMs.P50:F1}, RSS x{b.D.RssMb.P50 / a.D.RssMb.P50:F2}, series x{(double)b.D.Series / a.D.Series:F1}");
    }

    var last = mine[^1];
    Console.WriteLine($"{build}: scrape vs static peer ({last.Agents} agents): x{last.D.SpacedMs.P50 / last.Peer.P50:F1}");
    Console.WriteLine($"{build}: targets ({last.Agents} agents): cold scan {last.Cold:F0}/200 ms, warm scan {last.Warm:F0}/200 ms, scrape {last.D.SpacedMs.P50:F0}/50 ms (back-to-back {last.D.BurstMs.P50:F0}), RSS {last.D.RssMb.P50:F0}/100 MB");
}

static string RepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CredWatch.sln")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? throw new DirectoryNotFoundException("run CoreBench from inside the repository");
}

static string FindDaemon(string repo)
{
#if DEBUG
    const string configuration = "Debug";
#else
    const string configuration = "Release";
#endif
    var path = Path.Combine(repo, "src", "CredWatch.Exporter", "bin", configuration, "net10.0", "credwatch");
    return File.Exists(path) ? path : throw new FileNotFoundException("credwatch not built; pass --daemon PATH", path);
}
