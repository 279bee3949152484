using System.Diagnostics.Metrics;
using System.Text;
using CredWatch.LogTail.Configuration;
using CredWatch.LogTail.Following;
using CredWatch.LogTail.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CredWatch.LogTail.Tests.Following;

/// <summary>A real temp dir with a log file, a real tailer over it, and a writer that appends like OpenClaw (open, append, close).</summary>
internal sealed class TailHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public TailHarness(int maxLineBytes = 4096, bool startAtEnd = true)
    {
        Dir = Directory.CreateTempSubdirectory("credwatch-logtail-").FullName;
        Options = new LogTailOptions { StateDir = Path.Combine(Dir, "state"), StartAtEnd = startAtEnd, MaxLineBytes = maxLineBytes };
        Options.Paths.Add(Path.Combine(Dir, "openclaw-*.log"));
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        Metrics = new LogTailMetrics(_services.GetRequiredService<IMeterFactory>());
    }

    public string Dir { get; }

    public string LogPath => Path.Combine(Dir, "openclaw-2026-11-25.log");

    public LogTailOptions Options { get; }

    public CollectingSink Sink { get; } = new();

    public LogTailMetrics Metrics { get; }

    public LogTailer? Tailer { get; private set; }

    public void Start() => Tailer = new LogTailer(Options, TimeProvider.System, Metrics, null, Sink.OnSignal, NullLogger.Instance);

    /// <summary>Stops like the hosted service does: a last pass (drains deleted/renamed files still open), then save.</summary>
    public void Stop()
    {
        Tailer?.PollOnce();
        Tailer?.SavePositions();
        Tailer?.Dispose();
        Tailer = null;
    }

    public void Restart()
    {
        Stop();
        Start();
    }

    public bool Poll() => Tailer!.PollOnce();

    /// <summary>
    /// Writes <paramref name="existing"/>, starts the tailer and polls once. Whether it reads those bytes is the point of
    /// the calling test: not on a first start at the end, yes after a restart with saved positions.
    /// </summary>
    public void StartAfter(string existing)
    {
        Append(existing);
        Start();
        Poll();
    }

    /// <summary>Truncates the live log in place (logrotate's <c>copytruncate</c> without the copy).</summary>
    public void Truncate()
    {
        using var fs = new FileStream(LogPath, FileMode.Open, FileAccess.Write);
        fs.SetLength(0);
    }

    /// <summary>logrotate's <c>copytruncate</c>: the content is copied to <paramref name="copy"/>, then the live log truncated.</summary>
    public void CopyTruncate(string copy)
    {
        File.Copy(LogPath, copy);
        Truncate();
    }

    public void Append(string text, string? path = null)
    {
        using var fs = new FileStream(path ?? LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        fs.Write(Encoding.UTF8.GetBytes(text));
    }

    public void AppendBytes(byte[] bytes, string? path = null)
    {
        using var fs = new FileStream(path ?? LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        fs.Write(bytes);
    }

    public static string AnnounceFailed(int seq, int noiseBytes = 200) =>
        TestLines.Console($"Subagent completion direct announce failed for run run-{seq:D6}: gateway timeout " + new string('.', noiseBytes), level: "WARN");

    public void Dispose()
    {
        Stop();
        _services.Dispose();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
