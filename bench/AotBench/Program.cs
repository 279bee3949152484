using System.Globalization;
using AotBench;

// Usage: dotnet run --project bench/AotBench -c Release -- [--aot DIR] [--jit DLL] [--agents N] [--seconds S]
//   --aot DIR   a `dotnet publish -r linux-x64 -p:PublishAot=true` output (default out/linux-x64; published if missing)
//   --jit DLL   the JIT build's credwatch.dll (default src/CredWatch.Exporter/bin/Release/net10.0/credwatch.dll)
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

Console.WriteLine($"{options.Agents} agent stores, live log appended every 50 ms, steady RSS sampled over {options.Seconds} s after start-up");
var results = new List<RunResult>();
// The third run is the AOT binary as the Dockerfile and systemd unit start it: non-concurrent GC
// (no background GC thread and its allocation context), and GC conserve-memory.
var tuned = new Dictionary<string, string> { ["DOTNET_gcConcurrent"] = "0", ["DOTNET_GCConserveMemory"] = "5" };
foreach (var (name, file, fileArgs, env) in new[]
{
    ("aot", aotBinary, Array.Empty<string>(), new Dictionary<string, string>()),
    ("jit", "dotnet", new[] { jitDll }, new Dictionary<string, string>()),
    ("aot+gc", aotBinary, Array.Empty<string>(), tuned),
})
{
    using var home = BenchHome.Create(repo, options.Agents);
    var result = await Runner.MeasureAsync(name, file, fileArgs, env, home, TimeSpan.FromSeconds(options.Seconds));
    results.Add(result);
    Console.WriteLine(result.ToString());
}

var jit = results[1];
foreach (var aot in new[] { results[0], results[2] })
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratio {aot.Name}/jit: start-up {aot.StartupMs / jit.StartupMs:F2}x, steady RSS {aot.SteadyRssMb / jit.SteadyRssMb:F2}x; " +
        $"{aot.Name} steady RSS {aot.SteadyRssMb:F1} MB vs target 40 MB: {(aot.SteadyRssMb <= 40 ? "OK" : "OVER")}"));
}
return 0;
