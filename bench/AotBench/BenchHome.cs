using System.Globalization;
using System.Text;

namespace AotBench;

/// <summary>
/// A temp home: the fixture home plus N OpenClaw agents (each a copy of the fixture's main store), and a live
/// gateway log: the lines of <c>tests/fixtures/logs</c> (real OpenClaw 2026.9.6 refresh failure and no-API-key
/// lines, orphan prune, announce give-up) replayed one every 50 ms into <c>&lt;root&gt;/logs/openclaw-&lt;date&gt;.log</c>, which the daemon follows
/// (<see cref="LogGlob"/> goes to <c>--log-path</c>). So LogTail matches real signals and alerts are raised.
/// </summary>
internal sealed class BenchHome : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly string[] _lines;
    private readonly Task _writer;

    private BenchHome(string root, string[] lines)
    {
        Root = root;
        Home = Path.Combine(root, "home");
        StateDir = Path.Combine(root, "state");
        LogDir = Path.Combine(root, "logs");
        _lines = lines;
        _writer = Task.Run(() => AppendLoopAsync(_stop.Token));
    }

    public string Root { get; }

    public string Home { get; }

    public string StateDir { get; }

    public string LogDir { get; }

    public string LogGlob => Path.Combine(LogDir, "openclaw-*.log");

    public long LinesWritten => Interlocked.Read(ref _linesWritten);

    private long _linesWritten;

    public static BenchHome Create(string repo, int agents)
    {
        var root = Directory.CreateTempSubdirectory("credwatch-aotbench-").FullName;
        var home = Path.Combine(root, "home");
        CopyDir(Path.Combine(repo, "tests", "fixtures", "home"), home);
        var main = File.ReadAllText(Path.Combine(home, ".openclaw", "agents", "main", "agent", "auth-profiles.json"));
        for (var i = 0; i < agents; i++)
        {
            var dir = Path.Combine(home, ".openclaw", "agents", "bench-" + i.ToString("D3", CultureInfo.InvariantCulture), "agent");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "auth-profiles.json"), main);
        }

        Directory.CreateDirectory(Path.Combine(root, "logs"));
        Directory.CreateDirectory(Path.Combine(root, "state"));
        var lines = Directory.GetFiles(Path.Combine(repo, "tests", "fixtures", "logs"), "*.log")
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines)
            .Where(l => l.Length > 0)
            .ToArray();
        return new BenchHome(root, lines);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _writer.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // cancelled
        }

        _stop.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    private async Task AppendLoopAsync(CancellationToken ct)
    {
        // Named like the gateway names its file (start date); one file for the whole run, as a running gateway does.
        var file = Path.Combine(LogDir, "openclaw-" + DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".log");
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var n = Interlocked.Increment(ref _linesWritten);
                await File.AppendAllTextAsync(file, _lines[(n - 1) % _lines.Length] + "\n", Encoding.UTF8, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    private static void CopyDir(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
