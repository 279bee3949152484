using System.Diagnostics;
using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CredWatch.Exporter.OpenClaw;

namespace CoreBench;

/// <summary>
/// In-process scan timings (the scan helper's figures): a cold full scan with a fresh scanner (no stat cache, every
/// store opened and parsed, as at start-up) and warm rescans (discover + stat, apply + compare).
/// </summary>
internal static class ScanBench
{
    public static async Task<(double ColdMs, double WarmMs)> RunAsync(BenchHome home, int agents)
    {
        var builder = CredWatchHost.CreateBuilder(null, new Dictionary<string, string?>
        {
            ["CredWatch:Home"] = home.Home,
            ["CredWatch:StateDir"] = home.StateDir("inproc"),
            ["CredWatch:Web:ListenAddress"] = "127.0.0.1:0",
            ["CredWatch:Scan:RescanInterval"] = "01:00:00",
        }, LogLevel.Error);
        await using var app = CredWatchHost.BuildDaemon(builder);
        await app.StartAsync();
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

        var coldMs = Stats.Of(cold).P50;
        Console.WriteLine($"  cold full scan (no stat cache) {coldMs:F1} ms; warm: discover+stat {Stats.Of(readOnly).P50:F1} ms, apply+compare {Stats.Of(apply).P50:F1} ms");
        var up = registry.Current.Stores.Values.Count(s => s.Snapshot.Up);
        Console.WriteLine($"  {agents} agents: {up}/{registry.Current.Stores.Count} stores up, {registry.Current.Comparisons.Count} credentials");
        await app.StopAsync();
        return (coldMs, Stats.Of(scans.Skip(1)).P50);
    }
}
