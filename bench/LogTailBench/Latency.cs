using CredWatch.LogTail.Hosting;
using System.Diagnostics;
using System.Text;
using CredWatch.LogTail.Signals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CredWatch.LogTail.Bench;

/// <summary>Append → counted: the real hosted tailer (inotify, default 2 s poll as fallback) with a timing sink.</summary>
internal static class Latency
{
    public static async Task<int> RunAsync(int n)
    {
        var dir = Directory.CreateTempSubdirectory("credwatch-latency-").FullName;
        try
        {
            var log = Path.Combine(dir, "openclaw-2026-11-25.log");
            File.WriteAllText(log, "\n");
            var sink = new TimingSink();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CredWatch:LogTail:StateDir"] = Path.Combine(dir, "state"),
                ["CredWatch:LogTail:Paths:0"] = Path.Combine(dir, "openclaw-*.log"),
            });
            builder.Services.AddLogTail(builder.Configuration);
            builder.Services.AddSingleton<ILogSignalSink>(sink);
            using var host = builder.Build();
            await host.StartAsync();
            var status = host.Services.GetRequiredService<CredWatch.LogTail.Hosting.LogTailStatus>();
            while (status.FollowedFiles.Count == 0)
            {
                await Task.Delay(10);
            }

            var latencies = new List<double>(n);
            for (var i = 0; i < n; i++)
            {
                var line = $"{{\"0\":\"[warn] Subagent announce give up (retry-limit) run=run-{i:D6} child=agent:main:subagent:c{i} requester=agent:main:telegram:group:-100123:topic:{i} retries=3 endedAgo=95s\",\"time\":\"2026-11-25T00:00:00.000+00:00\"}}\n";
                var sw = Stopwatch.StartNew();
                using (var fs = new FileStream(log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
                {
                    fs.Write(Encoding.UTF8.GetBytes(line));
                }

                // Blocks on the sink's signal (no spinning that would steal the tailer's core).
                if (!await sink.Counted.WaitAsync(TimeSpan.FromSeconds(10)))
                {
                    Console.WriteLine($"append {i}: not counted within 10 s");
                    return 1;
                }

                latencies.Add(sw.Elapsed.TotalMilliseconds);
            }

            await host.StopAsync();
            latencies.Sort();
            double P(double q) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(q * latencies.Count) - 1)];
            Console.WriteLine($"append -> counted over {n} appends: p50 {P(0.50):0.00} ms, p99 {P(0.99):0.00} ms, max {latencies[^1]:0.00} ms (target p99 < 100 ms; peer: the 2 s poll fallback alone would give p50 ~1000 ms)");
            return P(0.99) < 100 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class TimingSink : ILogSignalSink
    {
        public SemaphoreSlim Counted { get; } = new(0);

        public void OnSignal(LogSignal signal) => Counted.Release();
    }
}
