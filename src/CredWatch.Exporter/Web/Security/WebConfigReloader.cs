using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// Re-reads the web config and the certificate files it names when they change: file watchers on their
/// directories (debounced, since editors and cert tools write in several steps) plus a TimeProvider poll
/// for file systems that raise no events.
/// </summary>
internal sealed class WebConfigReloader : IHostedService, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private readonly WebConfigStore store;
    private readonly TimeProvider time;
    private readonly IOptions<WebSecurityOptions> options;
    private readonly ILogger<WebConfigReloader> logger;
    private readonly Lock gate = new();
    private readonly Dictionary<string, FileSystemWatcher> watchers = new(StringComparer.Ordinal);
    private ITimer? pollTimer;
    private ITimer? debounceTimer;
    private bool stopped;

    public WebConfigReloader(WebConfigStore store, TimeProvider time, IOptions<WebSecurityOptions> options, ILogger<WebConfigReloader> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        this.time = time;
        this.options = options;
        this.logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (store.ConfigFile is null)
        {
            return Task.CompletedTask;
        }

        lock (gate)
        {
            UpdateWatchers(store.Current);
            debounceTimer = time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            pollTimer = time.CreateTimer(_ => Reload(), null, options.Value.ReloadInterval, options.Value.ReloadInterval);
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
        lock (gate)
        {
            stopped = true;
            pollTimer?.Dispose();
            debounceTimer?.Dispose();
            foreach (var watcher in watchers.Values)
            {
                watcher.Dispose();
            }

            watchers.Clear();
        }
    }

    private void Reload()
    {
        lock (gate)
        {
            if (stopped)
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
        lock (gate)
        {
            if (!stopped)
            {
                debounceTimer?.Change(Debounce, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void UpdateWatchers(ActiveWebConfig active)
    {
        var directories = active.Config.ReferencedFiles()
            .Prepend(store.ConfigFile!)
            .Select(f => Path.GetDirectoryName(f) ?? ".")
            .ToHashSet(StringComparer.Ordinal);

        foreach (var stale in watchers.Keys.Where(d => !directories.Contains(d)).ToList())
        {
            watchers[stale].Dispose();
            watchers.Remove(stale);
        }

        foreach (var directory in directories.Where(d => !watchers.ContainsKey(d)))
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
                watchers[directory] = watcher;
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                WebSecurityLog.WatcherFailed(logger, directory, options.Value.ReloadInterval, ex);
            }
        }
    }
}
