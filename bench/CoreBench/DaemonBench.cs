using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CoreBench;

/// <summary>What the real daemon process did: scrape latency and CPU, memory, and what /metrics carried.</summary>
internal sealed record DaemonResult(
    double FirstScrapeMs,
    Stats BurstMs,
    Stats SpacedMs,
    Stats CpuMs,
    Stats RssMb,
    double PeakRssMb,
    string RssBreakdown,
    int Series,
    int Bytes,
    byte[] Body);

/// <summary>
/// Spawns the built <c>credwatch run</c> against the generated home and measures it from outside, as Prometheus and
/// the kernel see it: /metrics latency over loopback and VmRSS from /proc. Nothing of the bench (its own heap, the
/// SQLite generation, the in-process scan host) is in these figures.
/// </summary>
internal static class DaemonBench
{
    private static readonly double TicksPerMs = 100 / 1000.0; // USER_HZ is 100 on Linux.

    public static async Task<DaemonResult> RunAsync(string daemon, BenchHome home, int agents, int burst, int spaced, TimeSpan gap)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo(daemon) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in (string[])["run", "--home", home.Home, "--state-dir", home.StateDir("daemon"), "--web.listen-address", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)])
        {
            psi.ArgumentList.Add(a);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30), BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitReadyAsync(http, process, agents);

            // First scrape: what Prometheus gets right after start-up (un-jitted serializer and callbacks).
            var sw = Stopwatch.StartNew();
            var body = await http.GetByteArrayAsync(new Uri("/metrics", UriKind.Relative));
            var first = sw.Elapsed.TotalMilliseconds;

            // Back-to-back scrapes: also warms the JIT up to its optimised tier, as minutes of 15 s scrapes would.
            var burstMs = new List<double>();
            for (var i = 0; i < burst; i++)
            {
                sw.Restart();
                body = await http.GetByteArrayAsync(new Uri("/metrics", UriKind.Relative));
                burstMs.Add(sw.Elapsed.TotalMilliseconds);
            }

            // Prometheus-like: scrapes at least a second apart, so every scrape sees a fresh health evaluation
            // (it is cached for one second) and no warm caches from the previous scrape.
            var spacedMs = new List<double>();
            var rss = new List<double>();
            var cpuMs = new List<double>();
            for (var i = 0; i < spaced; i++)
            {
                await Task.Delay(gap);
                var cpu0 = CpuTicks(process.Id);
                sw.Restart();
                body = await http.GetByteArrayAsync(new Uri("/metrics", UriKind.Relative));
                spacedMs.Add(sw.Elapsed.TotalMilliseconds);

                // The daemon's CPU while it served this scrape (10 ms ticks; a concurrent rescan shows up as an outlier).
                cpuMs.Add((CpuTicks(process.Id) - cpu0) / TicksPerMs);
                rss.Add(Status(process.Id, "VmRSS") / 1024.0);
            }

            var text = System.Text.Encoding.UTF8.GetString(body);
            var series = text.Split('\n').Count(l => l.Length > 0 && l[0] != '#');
            var breakdown = string.Create(CultureInfo.InvariantCulture,
                $"anon {Status(process.Id, "RssAnon") / 1024.0:F0} + file {Status(process.Id, "RssFile") / 1024.0:F0} + shmem {Status(process.Id, "RssShmem") / 1024.0:F0} MB");
            return new DaemonResult(first, Stats.Of(burstMs), Stats.Of(spacedMs), Stats.Of(cpuMs), Stats.Of(rss),
                Status(process.Id, "VmHWM") / 1024.0, breakdown, series, body.Length, body);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task WaitReadyAsync(HttpClient http, Process process, int agents)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"credwatch exited with {process.ExitCode} before it was ready");
            }

            try
            {
                using var r = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (r.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"credwatch ({agents} agents) not ready within 3 min");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>utime + stime of the process, in clock ticks (/proc/PID/stat fields 14 and 15).</summary>
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>A kB field of /proc/PID/status.</summary>
    private static long Status(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
