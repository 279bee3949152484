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

    public static async Task<RunResult> MeasureAsync(string name, string file, string[] prefix, Dictionary<string, string> environment, BenchHome home, TimeSpan steady)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in prefix.Concat(["run", "--home", home.Home, "--state-dir", home.StateDir, "--web.listen-address", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)]))
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = new Uri($"http://127.0.0.1:{port}/readyz");
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
                    throw new InvalidOperationException($"{name} exited with {process.ExitCode} before /readyz");
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
                    throw new TimeoutException(name + " not ready within 2 min");
                }

                await Task.Delay(5);
            }

            var startup = clock.Elapsed.TotalMilliseconds;
            var samples = new List<double>();
            var until = Stopwatch.StartNew();
            var metrics = string.Empty;
            while (until.Elapsed < steady)
            {
                // Scrape like Prometheus does, so the exporter's steady state includes serving /metrics.
                metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
                samples.Add(RssMb(process.Id));
                await Task.Delay(1000);
            }

            samples.Sort();
            var stores = metrics.Split('\n').Count(l => l.StartsWith("credwatch_store_up{", StringComparison.Ordinal));
            return new RunResult(name, startup, samples[samples.Count / 2], samples[^1], stores);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static double RssMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
