using System.Diagnostics;
using System.Globalization;
using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// CoreBench: N OpenClaw agent stores (70 % auth-profiles.json, 30 % SQLite) + a Claude store.
// Measures a full scan (discovery + read + compare), a /metrics scrape, and the process RSS,
// for a 100-agent peer run and the 1,000-agent run side by side.
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [100, 1000];
var results = new List<(int Agents, double ScanMs, double ScrapeMs, double RssMb, int Series)>();
var colds = new List<double>();
foreach (var n in sizes)
{
    results.Add(await Bench.RunAsync(n));
    colds.Add(Bench.ColdMs);
}

Console.WriteLine();
Console.WriteLine($"{"agents",8} {"cold scan ms",13} {"scan ms (p50)",14} {"scrape ms (p50)",16} {"RSS MB",8} {"series",8}");
for (var i = 0; i < results.Count; i++)
{
    var r = results[i];
    Console.WriteLine($"{r.Agents,8} {colds[i],13:F1} {r.ScanMs,14:F1} {r.ScrapeMs,16:F1} {r.RssMb,8:F0} {r.Series,8}");
}

if (results.Count >= 2)
{
    var (a, b) = (results[0], results[^1]);
    Console.WriteLine($"ratio {b.Agents}/{a.Agents} agents: scan x{b.ScanMs / a.ScanMs:F1}, scrape x{b.ScrapeMs / a.ScrapeMs:F1}, RSS x{b.RssMb / a.RssMb:F2}");
}

var last = results[^1];
Console.WriteLine($"targets ({last.Agents} agents): cold scan {colds[^1]:F0}/200 ms, warm scan {last.ScanMs:F0}/200 ms, scrape {last.ScrapeMs:F0}/50 ms, RSS {last.RssMb:F0}/100 MB");

internal static class Bench
{
    public static double ColdMs { get; private set; }

    public static async Task<(int, double, double, double, int)> RunAsync(int agents)
    {
        var root = Path.Combine(Path.GetTempPath(), "cw-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Build(root, agents);
            var builder = CredWatchHost.CreateBuilder(null, new Dictionary<string, string?>
            {
                ["CredWatch:Home"] = Path.Combine(root, "home"),
                ["CredWatch:StateDir"] = Path.Combine(root, "state"),
                ["CredWatch:Web:ListenAddress"] = "127.0.0.1:0",
                ["CredWatch:Scan:RescanInterval"] = "01:00:00",
            }, LogLevel.Warning);
            await using var app = CredWatchHost.BuildDaemon(builder);
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            var registry = app.Services.GetRequiredService<StoreRegistry>();
            while (!registry.Current.Ready)
            {
                await Task.Delay(20);
            }

            var monitor = app.Services.GetRequiredService<StoreMonitor>();
            var scans = new List<double>();
            for (var i = 0; i < 11; i++)
            {
                var sw = Stopwatch.StartNew();
                await monitor.ScanOnceAsync(CancellationToken.None);
                scans.Add(sw.Elapsed.TotalMilliseconds);
            }

            var cold = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                // A fresh scanner has no stat cache: every store is opened and parsed (the first scan at start-up).
                var fresh = ActivatorUtilities.CreateInstance<StoreScanner>(app.Services);
                var sw = Stopwatch.StartNew();
                var (d0, s0) = await fresh.ScanAsync(CancellationToken.None);
                registry.Apply(s0, d0.OpenClawStateDir);
                cold.Add(sw.Elapsed.TotalMilliseconds);
            }

            ColdMs = Median(cold);
            var scanner = app.Services.GetRequiredService<StoreScanner>();
            var readOnly = new List<double>();
            var apply = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var sw = Stopwatch.StartNew();
                var (d, snaps) = await scanner.ScanAsync(CancellationToken.None);
                readOnly.Add(sw.Elapsed.TotalMilliseconds);
                sw.Restart();
                registry.Apply(snaps, d.OpenClawStateDir);
                apply.Add(sw.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"  cold full scan (no stat cache) {ColdMs:F1} ms; warm: discover+stat {Median(readOnly):F1} ms, apply+compare {Median(apply):F1} ms");
            var scrapes = new List<double>();
            var text = string.Empty;
            for (var i = 0; i < 21; i++)
            {
                var sw = Stopwatch.StartNew();
                text = await http.GetStringAsync("/metrics");
                scrapes.Add(sw.Elapsed.TotalMilliseconds);
            }

            GC.Collect();
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            var series = text.Split('\n').Count(l => l.StartsWith("credwatch_", StringComparison.Ordinal));
            var up = registry.Current.Stores.Values.Count(s => s.Snapshot.Up);
            Console.WriteLine($"{agents} agents: {up}/{registry.Current.Stores.Count} stores up, {registry.Current.Comparisons.Count} credentials");
            await app.StopAsync();
            return (agents, Median(scans.Skip(1)), Median(scrapes.Skip(1)), self.WorkingSet64 / 1024.0 / 1024.0, series);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v[v.Count / 2];
    }

    private static void Build(string root, int agents)
    {
        var home = Path.Combine(root, "home");
        Directory.CreateDirectory(Path.Combine(home, ".claude"));
        File.WriteAllText(Path.Combine(home, ".claude", ".credentials.json"),
            """{"claudeAiOauth":{"accessToken":"sk-ant-oat01-BENCHsrc","refreshToken":"sk-ant-ort01-BENCHsrc","expiresAt":4102444800000}}""");
        for (var i = 0; i < agents; i++)
        {
            var dir = Path.Combine(home, ".openclaw", "agents", "agent-" + i.ToString("D4", CultureInfo.InvariantCulture), "agent");
            Directory.CreateDirectory(dir);
            var tag = i % 3 == 0 ? "src" : "old" + i.ToString(CultureInfo.InvariantCulture);
            var json = "{\"version\":1,\"profiles\":{\"anthropic:claude-cli\":{\"type\":\"oauth\",\"provider\":\"claude-cli\",\"access\":\"sk-ant-oat01-BENCH" + tag
                + "\",\"refresh\":\"sk-ant-ort01-BENCH" + tag + "\",\"expires\":" + (4102444800000 - i) + "},\"openrouter:default\":{\"type\":\"api_key\",\"provider\":\"openrouter\",\"key\":\"sk-or-BENCH\"}},"
                + "\"lastGood\":{\"anthropic\":\"anthropic:claude-cli\"},\"usageStats\":{\"anthropic:claude-cli\":{\"lastUsed\":1773395882000,\"errorCount\":0}}}";
            if (i % 10 < 7)
            {
                File.WriteAllText(Path.Combine(dir, "auth-profiles.json"), json);
                continue;
            }

            using var c = new SqliteConnection($"Data Source={Path.Combine(dir, "openclaw-agent.sqlite")};Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE auth_profile_store(store_key TEXT PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER NOT NULL);"
                + "CREATE TABLE auth_profile_state(state_key TEXT PRIMARY KEY, state_json TEXT NOT NULL, updated_at INTEGER NOT NULL); PRAGMA user_version = 23;"
                + "INSERT INTO auth_profile_store VALUES ('primary', $j, 1795000000000);";
            cmd.Parameters.AddWithValue("$j", json);
            cmd.ExecuteNonQuery();
        }
    }
}
