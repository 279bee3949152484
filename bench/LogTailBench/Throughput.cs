using System.Diagnostics;
using System.Globalization;
using CredWatch.LogTail.Configuration;
using CredWatch.LogTail.Following;
using CredWatch.LogTail.Signals;
using Microsoft.Extensions.Logging.Abstractions;

namespace CredWatch.LogTail.Bench;

internal static class Throughput
{
    public static int Run(double gigabytes)
    {
        var dir = Directory.CreateTempSubdirectory("credwatch-bench-").FullName;
        try
        {
            var log = Path.Combine(dir, "openclaw-2026-11-25.log");
            Console.WriteLine($"generating {gigabytes:0.##} GB realistic log in {dir} …");
            var (lines, signals) = RealisticLog.Write(log, (long)(gigabytes * 1024 * 1024 * 1024));
            var size = new FileInfo(log).Length;
            Console.WriteLine($"{size / 1e9:0.00} GB, {lines:N0} lines, {signals} signal lines");

            // Warm the page cache for both (each run reads the same cached bytes) and CredWatch's JIT.
            Grep(log);
            CredWatch(log, Path.Combine(dir, "warmup"));
            var results = new List<(double Grep, double Cw, long Count, long GrepCount)>();
            for (var round = 0; round < 5; round++)
            {
                var (gt, gc) = Grep(log);
                var (ct, cc) = CredWatch(log, Path.Combine(dir, "state" + round));
                results.Add((gt, ct, cc, gc));
                Console.WriteLine($"round {round + 1}: grep -cF {gt:0.000} s ({gc} lines) | credwatch catch-up {ct:0.000} s ({cc} signals) | ratio {gt / ct:0.00}");
            }

            var bestGrep = results.Min(r => r.Grep);
            var bestCw = results.Min(r => r.Cw);
            using var self = Process.GetCurrentProcess();
            static double Med(IEnumerable<double> xs) => xs.Order().ElementAt(xs.Count() / 2);
            var medGrep = Med(results.Select(r => r.Grep));
            var medCw = Med(results.Select(r => r.Cw));
            Console.WriteLine($"median: grep {medGrep:0.000} s, credwatch {medCw:0.000} s, ratio {medGrep / medCw:0.00}; per-round ratios {string.Join(", ", results.Select(r => (r.Grep / r.Cw).ToString("0.00", CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"best: grep {bestGrep:0.000} s ({size / bestGrep / 1e9:0.00} GB/s), credwatch {bestCw:0.000} s ({size / bestCw / 1e9:0.00} GB/s)");
            Console.WriteLine($"RATIO credwatch/grep speed = {bestGrep / bestCw:0.00} (target >= 1.0); peak RSS {self.PeakWorkingSet64 / 1e6:0} MB, managed heap {GC.GetTotalMemory(false) / 1e6:0.0} MB");
            return results.All(r => r.Count == signals && r.GrepCount == signals) ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (double Seconds, long Count) Grep(string log)
    {
        var psi = new ProcessStartInfo("grep") { RedirectStandardOutput = true };
        foreach (var a in (string[])["-cF", RealisticLog.SignalNeedle, log])
        {
            psi.ArgumentList.Add(a);
        }

        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (sw.Elapsed.TotalSeconds, long.Parse(output.Trim(), CultureInfo.InvariantCulture));
    }

    /// <summary>The real tailer path: a first pass over a file that appeared while running (read from byte 0).</summary>
    private static (double Seconds, long Count) CredWatch(string log, string stateDir)
    {
        var options = new LogTailOptions { StateDir = stateDir, StartAtEnd = false };
        options.Paths.Add(log);
        long count = 0;
        var sw = Stopwatch.StartNew();
        using var tailer = new LogTailer(options, TimeProvider.System, null, null, s =>
        {
            if (s.Signal == SignalNames.OAuthRefreshFailed)
            {
                count++;
            }
        }, NullLogger.Instance);
        tailer.PollOnce();
        return (sw.Elapsed.TotalSeconds, count);
    }
}
