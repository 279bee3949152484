using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AotBench;

internal static class Runner
{
    public static void RunToEnd(string file, string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false })!;
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}");
        }
    }

    /// <summary>
    /// Starts the daemon on <paramref name="home"/>, times it to /readyz 200, then samples RSS once a second for
    /// <paramref name="steady"/> while the live log grows, scraping /metrics every <paramref name="scrapeEvery"/>
    /// (as Prometheus would), and reads the smaps breakdown at the end.
    /// </summary>
    public static async Task<RunResult> MeasureAsync(Variant variant, BenchHome home, TimeSpan steady, TimeSpan scrapeEvery)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo(variant.File) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in variant.Prefix.Concat(["run", "--home", home.Home, "--state-dir", home.StateDir, "--log-path", home.LogGlob,
                     "--web.listen-address", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)]))
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in variant.Environment)
        {
            psi.Environment[key] = value;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var ready = new Uri($"http://127.0.0.1:{port}/readyz");
        var metricsUri = new Uri($"http://127.0.0.1:{port}/metrics");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{variant.Name} exited with {process.ExitCode} before /readyz");
                }

                try
                {
                    using var r = await http.GetAsync(ready);
                    if (r.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                if (clock.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new TimeoutException(variant.Name + " not ready within 2 min");
                }

                await Task.Delay(5);
            }

            var startup = clock.Elapsed.TotalMilliseconds;
            var samples = new List<Sample>();
            var until = Stopwatch.StartNew();
            TimeSpan? lastScrape = null;
            var metrics = string.Empty;
            using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
            do
            {
                if (lastScrape is null || until.Elapsed - lastScrape.Value >= scrapeEvery)
                {
                    lastScrape = until.Elapsed;
                    metrics = await http.GetStringAsync(metricsUri);
                }

                samples.Add(ReadStatus(process.Id));
            }
            while (until.Elapsed < steady && await tick.WaitForNextTickAsync());

            var breakdown = MemoryBreakdown.Read(process.Id);
            metrics = await http.GetStringAsync(metricsUri);
            var lines = metrics.Split('\n');
            var stores = lines.Count(l => l.StartsWith("credwatch_store_up{", StringComparison.Ordinal));
            var logLines = lines.Where(l => l.StartsWith("credwatch_log_lines_total", StringComparison.Ordinal))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
            return new RunResult(variant.Name, startup, samples, breakdown, stores, logLines);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static Sample ReadStatus(int pid)
    {
        double anon = double.NaN, file = double.NaN, shmem = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anon = Kb(line) / 1024.0;
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                file = Kb(line) / 1024.0;
            }
            else if (line.StartsWith("RssShmem:", StringComparison.Ordinal))
            {
                shmem = Kb(line) / 1024.0;
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = (int)Kb(line);
            }
        }

        // The JIT runtime double-maps its code heap through memfd (shared memory): the process's own memory too.
        return new Sample(anon + shmem, file, threads);
    }

    private static long Kb(string line) =>
        long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
