using System.Globalization;
using System.Text;

namespace AotBench;

/// <summary>
/// A temp home: the fixture home plus N OpenClaw agents (each a copy of the fixture's main store, one login
/// shared with claude-cli), and a gateway log under the home's /tmp-style log dir that a writer keeps appending.
/// </summary>
internal sealed class BenchHome : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;

    private BenchHome(string root)
    {
        Root = root;
        Home = Path.Combine(root, "home");
        StateDir = Path.Combine(root, "state");
        LogFile = Path.Combine(Home, ".openclaw", "logs", "gateway.log");
        _writer = Task.Run(() => AppendLoopAsync(_stop.Token));
    }

    public string Root { get; }

    public string Home { get; }

    public string StateDir { get; }

    public string LogFile { get; }

    public long LinesWritten { get; private set; }

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

        Directory.CreateDirectory(Path.Combine(home, ".openclaw", "logs"));
        Directory.CreateDirectory(Path.Combine(root, "state"));
        return new BenchHome(root);
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
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"time\":\"{DateTimeOffset.UtcNow:O}\",\"level\":\"info\",\"subsystem\":\"gateway\",\"message\":\"bench line {LinesWritten}\"}}\n");
                await File.AppendAllTextAsync(LogFile, line, Encoding.UTF8, ct);
                LinesWritten++;
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
