using System.Diagnostics;
using System.Globalization;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Hosting;
using CoreBench;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CredWatch.Exporter.OpenClaw;

// ScanBench: the cold full scan (fresh StoreScanner, no stat cache) of N agent stores (CoreBench's home:
// 70 % auth-profiles.json, 30 % WAL SQLite, + the Claude store), split into phases, inside the fully wired daemon
// so the registry's change handlers run as they do at start-up. Prints medians and ranges over rounds.
var agents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
// SCANBENCH_ROOT: reuse (and keep) a home built by an earlier run, so a profiler sees only the scans.
var keep = Environment.GetEnvironmentVariable("SCANBENCH_ROOT");
var root = keep ?? Path.Combine(Path.GetTempPath(), "cw-scanbench-" + Guid.NewGuid().ToString("N")[..8]);
try
{
    if (!Directory.Exists(Path.Combine(root, "home")))
    {
        BenchHome.Build(Path.Combine(root, "home"), agents);
    }

    if (args.Length > 2 && args[2] == "sqlite")
    {
        await SqliteMicro.RunAsync(root, rounds);
        return;
    }

    if (args.Length > 2 && args[2] == "loop")
    {
        // For a profiler: cold scans back to back, nothing else in the process.
        var env = new PathEnvironment(Path.Combine(root, "home"), _ => null);
        var dop = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : Math.Max(2, Environment.ProcessorCount);
        var fp = new Fingerprinter(new byte[32]);
        var times = new List<double>();
        var user = new List<double>();
        var sys = new List<double>();
        using var self = Process.GetCurrentProcess();
        for (var r = 0; r < rounds; r++)
        {
            var scanner = new StoreScanner(Options.Create(new CredWatchOptions()), new CredWatch.Exporter.OpenClaw.OpenClawInstallation(null, env), fp, TimeProvider.System) { MaxParallelism = dop };
            self.Refresh();
            var (u0, s0) = (self.UserProcessorTime, self.PrivilegedProcessorTime);
            var t = Stopwatch.GetTimestamp();
            _ = await scanner.ScanAsync(CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            self.Refresh();
            user.Add((self.UserProcessorTime - u0).TotalMilliseconds);
            sys.Add((self.PrivilegedProcessorTime - s0).TotalMilliseconds);
        }

        static string Stat(List<double> l)
        {
            var v = l.Order().ToList();
            return $"{v[v.Count / 2],6:F1} [{v[0]:F1}–{v[^1]:F1}]";
        }

        Console.WriteLine($"loop: {rounds} cold scans (no daemon, {dop} readers) ms: wall {Stat(times)}, CPU user {Stat(user)}, sys {Stat(sys)}");
        return;
    }

    var builder = CredWatchHost.CreateBuilder(null, new Dictionary<string, string?>
    {
        ["CredWatch:Home"] = Path.Combine(root, "home"),
        ["CredWatch:StateDir"] = Path.Combine(root, "state"),
        ["CredWatch:Web:ListenAddress"] = "127.0.0.1:0",
        ["CredWatch:Scan:RescanInterval"] = "01:00:00",
    }, LogLevel.Warning);
    await using var app = CredWatchHost.BuildDaemon(builder);
    await app.StartAsync();
    var sp = app.Services;
    var registry = sp.GetRequiredService<StoreRegistry>();
    while (!registry.Current.Ready)
    {
        await Task.Delay(20);
    }

    var ctx = new ReadContext(sp.GetRequiredService<Fingerprinter>(), sp.GetRequiredService<IOptions<CredWatchOptions>>().Value.Scan, TimeProvider.System);
    var comparer = sp.GetRequiredService<TokenComparer>();
    var phases = new Dictionary<string, List<double>>(StringComparer.Ordinal);
    void Add(string name, double ms)
    {
        if (!phases.TryGetValue(name, out var l))
        {
            phases[name] = l = [];
        }

        l.Add(ms);
    }

    for (var r = 0; r < rounds; r++)
    {
        // What CoreBench calls the cold full scan.
        var fresh = ActivatorUtilities.CreateInstance<StoreScanner>(sp);
        var sw = Stopwatch.StartNew();
        var (d0, s0) = await fresh.ScanAsync(CancellationToken.None);
        Add("A cold scan (ScanAsync)", sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        registry.Apply(s0, d0.OpenClawStateDir);
        Add("A cold apply (Apply+handlers)", sw.Elapsed.TotalMilliseconds);

        // The same work, one thread, phase by phase.
        sw.Restart();
        var d = fresh.Discover();
        Add("S1 discover", sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        foreach (var l in d.Stores)
        {
            _ = FileStamp.Of(l);
        }

        Add("S2 stat stamps", sw.Elapsed.TotalMilliseconds);
        var snaps = new StoreSnapshot[d.Stores.Count];
        double json = 0, sqlite = 0, other = 0;
        for (var i = 0; i < snaps.Length; i++)
        {
            var t = Stopwatch.GetTimestamp();
            snaps[i] = await StoreScanner.ReadOneAsync(d.Stores[i], ctx, CancellationToken.None);
            var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            switch (snaps[i].Layout)
            {
                case StoreLayout.OpenClawAgentSqlite: sqlite += ms; break;
                case StoreLayout.OpenClawJsonV1 or StoreLayout.OpenClawJsonWithState: json += ms; break;
                default: other += ms; break;
            }
        }

        Add("S3 read json stores", json);
        Add("S3 read sqlite stores", sqlite);
        Add("S3 read other stores", other);
        sw.Restart();
        var resolved = OpenClawLayouts.Resolve(d, snaps, ctx.Fingerprinter);
        Add("S4 resolve layouts", sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        _ = comparer.Compare(resolved, FingerprintHistory.InMemory(), DateTimeOffset.UtcNow);
        Add("S5 compare (empty history)", sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        _ = comparer.Compare(resolved, registry.History, DateTimeOffset.UtcNow);
        Add("S5 compare (live history)", sw.Elapsed.TotalMilliseconds);
        var bare = new StoreRegistry(comparer, FingerprintHistory.InMemory(), TimeProvider.System);
        sw.Restart();
        bare.Apply(resolved, d.OpenClawStateDir);
        Add("S6 apply, no handlers (1st)", sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        bare.Apply(resolved, d.OpenClawStateDir);
        Add("S6 apply, no handlers (2nd)", sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        registry.Apply(resolved, d.OpenClawStateDir);
        Add("S7 apply, daemon handlers", sw.Elapsed.TotalMilliseconds);
        var field = typeof(StoreRegistry).GetField("Changed", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
        if (field?.GetValue(registry) is EventHandler<RegistryChangedEventArgs> handlers)
        {
            var e = new RegistryChangedEventArgs(registry.Current, []);
            foreach (var h in handlers.GetInvocationList())
            {
                sw.Restart();
                h.DynamicInvoke(registry, e);
                Add("S8 handler " + h.Method.DeclaringType?.Name + "." + h.Method.Name, sw.Elapsed.TotalMilliseconds);
            }
        }
    }

    Console.WriteLine($"{agents} agents, {rounds} rounds, {Environment.ProcessorCount} cores; median [min–max] ms");
    foreach (var (name, values) in phases.OrderBy(p => p.Key, StringComparer.Ordinal))
    {
        var v = values.Order().ToList();
        Console.WriteLine($"  {name,-32} {v[v.Count / 2],8:F1} [{v[0]:F1}–{v[^1]:F1}]");
    }

    await app.StopAsync();
}
finally
{
    if (keep is null)
    {
        Directory.Delete(root, recursive: true);
    }
}
