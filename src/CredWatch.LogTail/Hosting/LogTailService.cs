using CredWatch.LogTail.Configuration;
using CredWatch.LogTail.Following;
using CredWatch.LogTail.Journald;
using CredWatch.LogTail.Metrics;
using CredWatch.LogTail.Signals;
using CredWatch.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.LogTail.Hosting;

/// <summary>
/// Runs the tailer: a pass at start, then one per inotify event on the watched directories or per poll
/// tick (TimeProvider timer), whichever comes first. Idle = blocked on both; nothing spins.
/// </summary>
internal sealed class LogTailService(
    IOptions<LogTailOptions> options,
    IEnumerable<ILogSignalSink> sinks,
    LogTailMetrics metrics,
    RecentSignals recent,
    LogTailStatus status,
    TimeProvider time,
    StateFileReporter reporter,
    ILogger<LogTailService> logger) : BackgroundService
{
    private readonly LogTailOptions _options = options.Value;
    private readonly ILogSignalSink[] _sinks = [.. sinks];
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Dictionary<string, FileSystemWatcher?> _watchers = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        // Leave the host's start path at once; the first pass can be a long catch-up.
        await Task.Yield();
        Task journal = Task.CompletedTask;
        if (_options.Journald.Enabled)
        {
            status.JournaldEnabled = true;
            var pipeline = new SignalPipeline(time, _options.DedupeWindow, metrics, recent, Emit);
            journal = Task.Run(() => new JournaldSource(_options, time, pipeline, logger, reporter).RunAsync(stoppingToken), stoppingToken);
        }

        using var tailer = new LogTailer(_options, time, metrics, recent, Emit, logger, reporter);
        Task<bool>? wake = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                EnsureWatchers(tailer.Globs);
                Pass(tailer);
                status.SetFiles(tailer.FollowedPaths);
                wake ??= _wake.WaitAsync(Timeout.Infinite, stoppingToken);
                await Task.WhenAny(wake, Task.Delay(_options.PollInterval, time, stoppingToken));
                if (wake.IsCompleted)
                {
                    wake = null;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            // A last pass drains files deleted or renamed since the last one (their handles close now).
            Pass(tailer);
            tailer.SavePositions();
            foreach (var w in _watchers.Values)
            {
                w?.Dispose();
            }

            await journal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Pass(LogTailer tailer)
    {
        try
        {
            tailer.PollOnce();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Log.PassFailed(logger, ex.GetType().Name, ex.Message);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private void Emit(LogSignal signal)
    {
        Log.SignalSeen(logger, signal.Signal, signal.Provider, signal.RunId);
        foreach (var sink in _sinks)
        {
            try
            {
                sink.OnSignal(signal);
            }
#pragma warning disable CA1031 // A faulty sink (the host's) must not stop counting; it is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.SinkFailed(logger, ex.GetType().Name);
            }
        }
    }

    private void EnsureWatchers(IEnumerable<string> globs)
    {
        if (!_options.UseInotify)
        {
            return;
        }

        foreach (var dir in LogFileDiscovery.Directories(globs))
        {
            if (_watchers.GetValueOrDefault(dir) is not null || !Directory.Exists(dir))
            {
                continue;
            }

            try
            {
                var w = new FileSystemWatcher(dir) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
                w.Changed += (_, _) => Wake();
                w.Created += (_, _) => Wake();
                w.Deleted += (_, _) => Wake();
                w.Renamed += (_, _) => Wake();
                w.Error += (_, _) => Wake();
                w.EnableRaisingEvents = true;
                _watchers[dir] = w;
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                // inotify limits reached or the dir vanished: the poll timer covers it.
                Log.WatcherUnavailable(logger, dir, ex.GetType().Name, _options.PollInterval);
                _watchers[dir] = null;
            }
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one pass reads everything that is there.
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }
}
