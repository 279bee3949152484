using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CredWatch.Exporter.Hosting;
using CredWatch.LogTail.Signals;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Appends N "Subagent announce give up" lines (each for its own chat, so Telegram's per-chat pacing does
// not serialise them; spaced under Telegram's 30 msg/s global limit) to a gateway log followed by the real
// credwatch daemon, and times append → LogTail signal → sendMessage arrival at a loopback Bot API server.
// Runs with several grouping windows: grouping holds the first alert of a burst for the window by design.
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var spacing = TimeSpan.FromMilliseconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50);
var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"AlertLatencyBench: {events} events, one every {spacing.TotalMilliseconds:0} ms, {Environment.ProcessorCount} cores"));

var results = new List<(string Name, double Window, Stats Total, Stats Tail, Stats Deliver)>();
foreach (var (name, window) in new[] { ("grouping 0", "00:00:00"), ("grouping 50 ms", "00:00:00.050"), ("grouping 2 s (default)", (string?)null) })
{
    var r = await RunAsync(name, window, events, spacing);
    results.Add(r);
}

Console.WriteLine();
Console.WriteLine("mode                      window   n    append→send p50/p99      append→signal p50/p99   signal→send p50/p99");
foreach (var r in results)
{
    Console.WriteLine(string.Create(inv,
        $"{r.Name,-25} {r.Window,5:0.000}s {r.Total.N,4} {r.Total.P50,8:0.0} / {r.Total.P99,7:0.0} ms {r.Tail.P50,8:0.0} / {r.Tail.P99,7:0.0} ms {r.Deliver.P50,8:0.0} / {r.Deliver.P99,7:0.0} ms"));
}

// Prometheus → Alertmanager for the same fact (CredWatchSubagentResultLost), from the shipped configs.
var am = AlertmanagerPath.FromRepo(TestPaths.RepoRoot);
Console.WriteLine();
Console.WriteLine(string.Create(inv,
    $"Prometheus→Alertmanager (deploy/prometheus.yml scrape {am.Scrape.TotalSeconds:0} s, eval {am.Eval.TotalSeconds:0} s; rule via recording rule: {am.ViaRecordingRule}; for: {am.For.TotalSeconds:0} s; alertmanager group_wait {am.GroupWait.TotalSeconds:0} s):"));
Console.WriteLine(string.Create(inv, $"  best {am.Best.TotalSeconds:0} s, mean {am.Mean.TotalSeconds:0} s, worst {am.Worst.TotalSeconds:0} s (before Alertmanager's own Telegram send)"));
foreach (var r in results)
{
    Console.WriteLine(string.Create(inv,
        $"  vs CredWatch {r.Name}: p50 {am.Mean.TotalMilliseconds / r.Total.P50:0}x faster than the mean, p99 {am.Worst.TotalMilliseconds / r.Total.P99:0}x faster than the worst"));
}

var zero = results[0];
Console.WriteLine(zero.Total.P99 < 500 ? "target p99 < 500 ms (grouping 0): MET" : "target p99 < 500 ms (grouping 0): MISSED");
return 0;

static async Task<(string, double, Stats, Stats, Stats)> RunAsync(string name, string? window, int events, TimeSpan spacing)
{
    await using var server = await BotApiTestServer.StartAsync();
    var root = Directory.CreateTempSubdirectory("credwatch-alertbench-").FullName;
    try
    {
        var home = Path.Combine(root, "home");
        var logDir = Path.Combine(root, "logs");
        Directory.CreateDirectory(Path.Combine(home, ".openclaw"));
        Directory.CreateDirectory(logDir);
        var log = Path.Combine(logDir, "openclaw-2026-11-25.log");
        await File.WriteAllTextAsync(log, string.Empty);
        await File.WriteAllTextAsync(Path.Combine(home, ".openclaw", "openclaw.json"),
            $$"""{ channels: { telegram: { botToken: "123456789:BENCHtokenxxxxxxxxxxxxxxxxxxxxxxxxxxxx", apiRoot: "{{server.BaseUrl.ToString().TrimEnd('/')}}", defaultTo: "-1001", }, }, }""");
        var overrides = new Dictionary<string, string?>
        {
            ["CredWatch:Home"] = home,
            ["CredWatch:StateDir"] = Path.Combine(root, "state"),
            ["CredWatch:Web:ListenAddress"] = "127.0.0.1:0",
            ["CredWatch:LogTail:Paths:0"] = Path.Combine(logDir, "openclaw-*.log"),
            ["CredWatch:LogTail:StartAtEnd"] = "false",
            ["CredWatch:Tasks:StateDatabase"] = Path.Combine(root, "none", "openclaw.sqlite"),
        };
        if (window is not null)
        {
            overrides["CredWatch:Alerts:GroupingWindow"] = window;
        }

        var builder = CredWatchHost.CreateBuilder(null, overrides, LogLevel.Error);
        var probe = new Probe();
        builder.Services.AddSingleton<ILogSignalSink>(probe);
        await using var app = CredWatchHost.BuildDaemon(builder);
        await app.StartAsync();
        var effectiveWindow = app.Services.GetRequiredService<CredWatch.Alerts.AlertsOptions>().GroupingWindow;

        // Warm-up (JIT, first HTTP connection, LogTail's first read): not measured.
        await File.AppendAllTextAsync(log, Line("warmup0000", -1000) + "\n");
        await WaitAsync(() => server.DeliveredMessages.Any(m => m.Text!.Contains("warmup0000", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));

        var appended = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < events; i++)
        {
            var run = "bench" + i.ToString("D5", CultureInfo.InvariantCulture);
            var line = Line(run, -1_000_000_000L - i) + "\n";
            appended[run] = Stopwatch.GetTimestamp();
            await File.AppendAllTextAsync(log, line);
            await Task.Delay(spacing);
        }

        await WaitAsync(() => server.DeliveredMessages.Count(m => m.Text!.Contains("bench", StringComparison.Ordinal)) >= events, TimeSpan.FromSeconds(120));
        await app.StopAsync();

        // The server stamps arrival with UTC wall time; map stopwatch stamps onto it via one shared anchor.
        var total = new List<double>();
        var tail = new List<double>();
        var deliver = new List<double>();
        foreach (var m in server.DeliveredMessages)
        {
            var match = Regex.Match(m.Text ?? string.Empty, "bench[0-9]{5}");
            if (!match.Success || !appended.TryGetValue(match.Value, out var at) || !probe.Seen.TryGetValue(match.Value, out var seen))
            {
                continue;
            }

            var arrival = Clock.ToTimestamp(m.ReceivedAt);
            total.Add(Ms(arrival - at));
            tail.Add(Ms(seen - at));
            deliver.Add(Ms(arrival - seen));
        }

        var t = Stats.Of(total);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: delivered {t.N}/{events}, append→send p50 {t.P50:0.0} ms p99 {t.P99:0.0} ms max {t.Max:0.0} ms"));
        return (name, effectiveWindow.TotalSeconds, t, Stats.Of(tail), Stats.Of(deliver));
    }
    finally
    {
        Directory.Delete(root, recursive: true);
    }
}

static string Line(string run, long chat) => JsonSerializer.Serialize(new Dictionary<string, object>
{
    ["0"] = $"[warn] Subagent announce give up (retry-limit) run={run} child=agent:main:subagent:{run} requester=agent:main:telegram:group:{chat}:topic:7 retries=3 endedAgo=5s",
    ["time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
});

static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

static async Task WaitAsync(Func<bool> done, TimeSpan timeout)
{
    var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    while (!done() && Stopwatch.GetTimestamp() < until)
    {
        await Task.Delay(10);
    }
}

internal sealed class Probe : ILogSignalSink
{
    public ConcurrentDictionary<string, long> Seen { get; } = new(StringComparer.Ordinal);

    public void OnSignal(LogSignal signal)
    {
        if (signal.RunId is { } run)
        {
            Seen.TryAdd(run, Stopwatch.GetTimestamp());
        }
    }
}

internal static class Clock
{
    private static readonly long AnchorTs = Stopwatch.GetTimestamp();
    private static readonly DateTimeOffset AnchorUtc = DateTimeOffset.UtcNow;

    public static long ToTimestamp(DateTimeOffset utc) => AnchorTs + (long)((utc - AnchorUtc).TotalSeconds * Stopwatch.Frequency);
}

internal sealed record Stats(int N, double P50, double P99, double Max)
{
    public static Stats Of(List<double> xs)
    {
        if (xs.Count == 0)
        {
            return new Stats(0, double.NaN, double.NaN, double.NaN);
        }

        xs.Sort();
        double P(double q) => xs[Math.Min(xs.Count - 1, Math.Max(0, (int)Math.Ceiling(q * xs.Count) - 1))];
        return new Stats(xs.Count, P(0.5), P(0.99), xs[^1]);
    }
}

internal sealed record AlertmanagerPath(TimeSpan Scrape, TimeSpan Eval, bool ViaRecordingRule, TimeSpan For, TimeSpan GroupWait)
{
    // A recording rule adds one evaluation hop before the alerting rule sees the value.
    private int Evals => ViaRecordingRule ? 2 : 1;

    public TimeSpan Best => For + GroupWait;

    public TimeSpan Mean => Scrape / 2 + Eval / 2 * Evals + For + GroupWait;

    public TimeSpan Worst => Scrape + Eval * Evals + For + GroupWait;

    public static AlertmanagerPath FromRepo(string repo)
    {
        var prom = File.ReadAllText(Path.Combine(repo, "deploy", "prometheus.yml"));
        var amc = File.ReadAllText(Path.Combine(repo, "deploy", "alertmanager", "alertmanager.yml"));
        var rules = File.ReadAllText(Path.Combine(repo, "alerts", "prometheus-rules.yml"));
        var rule = Regex.Match(rules, @"- alert: CredWatchSubagentResultLost\s*\n(?<body>(?:\s{8,}.*\n)+)");
        var body = rule.Groups["body"].Value;
        var forMatch = Regex.Match(body, @"^\s+for:\s*(\S+)", RegexOptions.Multiline);
        return new AlertmanagerPath(
            Dur(Regex.Match(prom, @"scrape_interval:\s*(\S+)").Groups[1].Value),
            Dur(Regex.Match(prom, @"evaluation_interval:\s*(\S+)").Groups[1].Value),
            Regex.IsMatch(body, @"expr:\s*credwatch:"),
            forMatch.Success ? Dur(forMatch.Groups[1].Value) : TimeSpan.Zero,
            Dur(Regex.Match(amc, @"group_wait:\s*(\S+)").Groups[1].Value));
    }

    private static TimeSpan Dur(string s)
    {
        var n = double.Parse(s[..^1], CultureInfo.InvariantCulture);
        return s[^1] switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), _ => throw new FormatException(s) };
    }
}
