using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// Re-reads the web config and the certificate files it names when they change: file watchers on their
/// directories (debounced, since editors and cert tools write in several steps) plus a TimeProvider poll
/// for file systems that raise no events.
/// </summary>
internal sealed class WebConfigReloader(WebConfigStore store, TimeProvider time, IOptions<WebSecurityOptions> options, ILogger<WebConfigReloader> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private ITimer? _pollTimer;
    private ITimer? _debounceTimer;
    private bool _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (store.ConfigFile is null)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            UpdateWatchers(store.Current);
            _debounceTimer = time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _pollTimer = time.CreateTimer(_ => Reload(), null, options.Value.ReloadInterval, options.Value.ReloadInterval);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _pollTimer?.Dispose();
            _debounceTimer?.Dispose();
            foreach (var watcher in _watchers.Values)
            {
                watcher.Dispose();
            }

            _watchers.Clear();
        }
    }

    private void Reload()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            // Serialised under the gate: timer and watcher callbacks can overlap.
            if (store.ReloadIfChanged())
            {
                UpdateWatchers(store.Current);
            }
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                _debounceTimer?.Change(Debounce, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void UpdateWatchers(ActiveWebConfig active)
    {
        var directories = active.Config.ReferencedFiles()
            .Prepend(store.ConfigFile!)
            .Select(f => Path.GetDirectoryName(f) ?? ".")
            .ToHashSet(StringComparer.Ordinal);

        foreach (var stale in _watchers.Keys.Where(d => !directories.Contains(d)).ToList())
        {
            _watchers[stale].Dispose();
            _watchers.Remove(stale);
        }

        foreach (var directory in directories.Where(d => !_watchers.ContainsKey(d)))
        {
            try
            {
                var watcher = new FileSystemWatcher(directory)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                watcher.Changed += OnChanged;
                watcher.Created += OnChanged;
                watcher.Deleted += OnChanged;
                watcher.Renamed += OnChanged;
                watcher.EnableRaisingEvents = true;
                _watchers[directory] = watcher;
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                WebSecurityLog.WatcherFailed(logger, directory, options.Value.ReloadInterval, ex);
            }
        }
    }
}
