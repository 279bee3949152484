using System.Globalization;

namespace AotBench;

internal sealed class BenchOptions
{
    public string? AotDir { get; private set; }

    public string? JitDll { get; private set; }

    public string? BaselineDir { get; private set; }

    /// <summary>Extra AOT variants: <c>--variant name:KEY=VALUE,KEY=VALUE</c> (the aot binary with that environment).</summary>
    public List<(string Name, Dictionary<string, string> Environment)> ExtraVariants { get; } = [];

    public int Agents { get; private set; } = 100;

    public int Seconds { get; private set; } = 60;

    public int ScrapeEvery { get; private set; } = 5;

    public int Repeat { get; private set; } = 3;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--aot": o.AotDir = Path.GetFullPath(args[i + 1]); break;
                case "--variant": o.ExtraVariants.Add(ParseVariant(args[i + 1])); break;
                case "--baseline": o.BaselineDir = Path.GetFullPath(args[i + 1]); break;
                case "--jit": o.JitDll = Path.GetFullPath(args[i + 1]); break;
                case "--agents": o.Agents = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seconds": o.Seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--scrape-every": o.ScrapeEvery = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--repeat": o.Repeat = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException("unknown option " + args[i]);
            }
        }

        return o;
    }

    private static (string, Dictionary<string, string>) ParseVariant(string spec)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var env = new Dictionary<string, string>();
        foreach (var pair in spec[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            env[pair[..eq]] = pair[(eq + 1)..];
        }

        return (spec[..colon], env);
    }

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CredWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CredWatch.sln not found above " + AppContext.BaseDirectory);
    }
}
