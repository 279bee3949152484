using System.Globalization;
using AotBench;

// Usage: dotnet run --project bench/AotBench -c Release -- [--aot DIR] [--jit DLL] [--agents N] [--seconds S] [--scrape-every S] [--repeat R]
//   --aot DIR   a `dotnet publish -r linux-x64 -p:PublishAot=true` output (default out/linux-x64; published if missing)
//   --jit DLL   the JIT build's credwatch.dll (default src/CredWatch.Exporter/bin/Release/net10.0/credwatch.dll)
//   --baseline DIR  another AOT publish output (e.g. before a change) run as a fourth variant, "aot-baseline"
//   --variant NAME:KEY=V,KEY=V  the aot binary under extra environment (repeatable), e.g. aot-g0:DOTNET_GCGen0MaxBudget=400000
var options = BenchOptions.Parse(args);
var repo = BenchOptions.FindRepoRoot();
var aotBinary = Path.Combine(options.AotDir ?? Path.Combine(repo, "out", "linux-x64"), "credwatch");
if (!File.Exists(aotBinary))
{
    Console.WriteLine($"publishing Native AOT to {Path.GetDirectoryName(aotBinary)} (minutes) ...");
    Runner.RunToEnd("dotnet", ["publish", Path.Combine(repo, "src", "CredWatch.Exporter"), "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", Path.GetDirectoryName(aotBinary)!]);
}

var jitDll = options.JitDll ?? Path.Combine(repo, "src", "CredWatch.Exporter", "bin", "Release", "net10.0", "credwatch.dll");
if (!File.Exists(jitDll))
{
    Console.WriteLine("building the JIT build (Release) ...");
    Runner.RunToEnd("dotnet", ["build", Path.Combine(repo, "src", "CredWatch.Exporter"), "-c", "Release"]);
}

var none = new Dictionary<string, string>();
var variants = new List<Variant>
{
    // The binary as shipped (Dockerfile, systemd unit): its runtime knobs are compiled in (CredWatch.Exporter.csproj).
    new Variant("aot", aotBinary, [], none),
    // The same binary with the runtime's defaults put back through the environment (read before compiled-in knobs).
    new Variant("aot-defaults", aotBinary, [], RuntimeKnobs.RuntimeDefaults),
    new Variant("jit", "dotnet", [jitDll], none),
};
if (options.BaselineDir is { } baseline)
{
    variants.Add(new Variant("aot-baseline", Path.Combine(baseline, "credwatch"), [], none));
}

foreach (var (name, environment) in options.ExtraVariants)
{
    variants.Add(new Variant(name, aotBinary, [], environment));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{options.Agents} agent stores, live gateway log (a real-shaped line every 50 ms, followed via --log-path), /metrics scraped every {options.ScrapeEvery} s; " +
    $"RSS (/proc/PID/status RssAnon + RssShmem + RssFile) sampled every second for {options.Seconds} s after /readyz; {options.Repeat} rounds, variants interleaved"));
Console.WriteLine("aot-defaults = the aot binary with " + string.Join(' ', RuntimeKnobs.RuntimeDefaults.Select(kv => kv.Key + "=" + kv.Value)));
var results = new List<RunResult>();
for (var round = 0; round < options.Repeat; round++)
{
    foreach (var variant in variants)
    {
        using var home = BenchHome.Create(repo, options.Agents);
        var result = await Runner.MeasureAsync(variant, home, TimeSpan.FromSeconds(options.Seconds), TimeSpan.FromSeconds(options.ScrapeEvery));
        results.Add(result);
        Console.WriteLine(result.ToString());
    }
}

Console.WriteLine();
Console.WriteLine("summary (median of the runs' medians [range]; max = highest sample of any run)");
var summary = variants.Select(v => Summary.Of(v.Name, results.Where(r => r.Name == v.Name).ToList())).ToList();
foreach (var s in summary)
{
    Console.WriteLine(s.ToString());
}

var aot = summary[0];
var defaults = summary[1];
var jit = summary[2];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio aot/jit: start-up {aot.Startup / jit.Startup:F2}x, steady RSS {aot.Rss / jit.Rss:F2}x (anon {aot.Anon / jit.Anon:F2}x, file {aot.File / jit.File:F2}x)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio aot/aot-defaults (compiled-in knobs): steady RSS {aot.Rss / defaults.Rss:F2}x ({aot.Rss - defaults.Rss:+0.0;-0.0} MB), start-up {aot.Startup / defaults.Startup:F2}x"));
if (options.BaselineDir is not null)
{
    var before = summary[3];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratio aot/aot-baseline: steady RSS {aot.Rss / before.Rss:F2}x ({aot.Rss - before.Rss:+0.0;-0.0} MB: anon {aot.Anon - before.Anon:+0.0;-0.0}, file {aot.File - before.File:+0.0;-0.0}), start-up {aot.Startup / before.Startup:F2}x"));
}

foreach (var extra in summary.Skip(options.BaselineDir is null ? 3 : 4))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratio {extra.Name}/aot: steady RSS {extra.Rss / aot.Rss:F2}x ({extra.Rss - aot.Rss:+0.0;-0.0} MB), start-up {extra.Startup / aot.Startup:F2}x"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"target: aot steady RSS {aot.Rss:F1} MB (max {aot.RssMax:F1}) vs 55 MB: {(aot.Rss <= 55 ? "OK" : "OVER")}"));
return 0;
