using System.Globalization;

namespace AotBench;

internal sealed class BenchOptions
{
    public string? AotDir { get; private set; }

    public string? JitDll { get; private set; }

    public int Agents { get; private set; } = 100;

    public int Seconds { get; private set; } = 20;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--aot": o.AotDir = Path.GetFullPath(args[i + 1]); break;
                case "--jit": o.JitDll = Path.GetFullPath(args[i + 1]); break;
                case "--agents": o.Agents = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seconds": o.Seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException("unknown option " + args[i]);
            }
        }

        return o;
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
