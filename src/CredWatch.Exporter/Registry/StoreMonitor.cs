using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CredWatch.Exporter.OpenClaw;

namespace CredWatch.Exporter.Registry;

/// <summary>
/// Keeps the registry current: a full scan at start (then <c>/readyz</c> is 200), inotify watchers on every
/// store directory (recursive on the OpenClaw state dir, so new agents and atomic rename-replacements are
/// seen; <c>*.tmp</c>/<c>*.lock</c> ignored), a debounce to coalesce bursts, and a periodic rescan as a safety net.
/// </summary>
internal sealed class StoreMonitor(
    StoreScanner scanner,
    StoreRegistry registry,
    Fingerprinter fingerprinter,
    IOptions<CredWatchOptions> options,
    TimeProvider time,
    ILogger<StoreMonitor> logger) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly List<FileSystemWatcher> _watchers = [];
    private IReadOnlyList<string> _watched = [];
    /// <summary>Above this many changed stores (or credentials needing attention) in one scan, log a summary line.</summary>
    internal const int SummaryThreshold = 20;

    private static readonly TimeSpan EchoWindow = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan FollowUp = TimeSpan.FromSeconds(1);
    private string? _stateDir;
    private bool _scanning;
    private long _scanEndedTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>Runs one full scan and publishes it (also used by <c>check</c> and tests); <paramref name="watch"/> re-arms the watchers.</summary>
    public async Task<RegistryState> ScanOnceAsync(CancellationToken cancellationToken, bool watch = false)
    {
        if (watch)
        {
            // Arm the watchers before reading so nothing written during the scan can be missed.
            var before = scanner.Discover();
            Rewatch(before.WatchDirectories, before.OpenClawStateDir);
        }

        Volatile.Write(ref _scanning, true);
        (DiscoveryResult Discovery, IReadOnlyList<StoreSnapshot> Snapshots) scan;
        try
        {
            scan = await scanner.ScanAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Exchange(ref _scanEndedTicks, time.GetUtcNow().UtcTicks);
            Volatile.Write(ref _scanning, false);
        }

        var (discovery, snapshots) = scan;
        var args = registry.Apply(snapshots, discovery.OpenClawStateDir);
        // The history is saved only with the key that made its fingerprints (a key not yet saved is tried again here).
        if (fingerprinter.TrySaveKey() && registry.History.SaveIfDirty() is { } ex)
        {
            Log.HistorySaveFailed(logger, ex.Message);
        }

        LogChanges(args);
        var up = args.State.Stores.Values.Count(s => s.Snapshot.Up);
        Log.ScanCompleted(logger, up, args.State.Stores.Count, args.State.Comparisons.Count);
        if (watch)
        {
            Rewatch(discovery.WatchDirectories, discovery.OpenClawStateDir);
        }

        return args.State;
    }

    /// <summary>
    /// One line per changed store and per credential needing attention; when a scan changes more than
    /// <see cref="SummaryThreshold"/> of them at once (the start-up scan of a big home, a shared login rotating), one
    /// summary line per kind instead, and the per-store / per-credential events (same ids) at Debug.
    /// </summary>
    private void LogChanges(RegistryChangedEventArgs args)
    {
        var critical = args.State.Comparisons.Where(c => TokenStates.IsCritical(c.State))
            .GroupBy(c => c.Store).ToDictionary(g => g.Key, g => g.ToList());
        var changed = args.ChangedStores.Where(args.State.Stores.ContainsKey).Select(id => args.State.Stores[id]).ToList();

        var upChanged = changed.Where(e => e.Snapshot.Error is null).ToList();
        var credentials = upChanged.SelectMany(e => critical.GetValueOrDefault(e.Snapshot.Id) ?? []).ToList();
        var storesSummarised = upChanged.Count > SummaryThreshold;
        var credentialsSummarised = credentials.Count > SummaryThreshold;
        var storeLevel = storesSummarised ? LogLevel.Debug : LogLevel.Information;
        var credentialLevel = credentialsSummarised ? LogLevel.Debug : LogLevel.Warning;
        foreach (var entry in changed)
        {
            var id = entry.Snapshot.Id;
            if (entry.Snapshot is { Absent: true, Error: { } missing })
            {
                Log.StoreMissing(logger, id, missing.Detail);
            }
            else if (entry.Snapshot.Error is { } e)
            {
                Log.StoreError(logger, id, e.Reason, e.Detail);
            }
            else
            {
                Log.StoreChanged(logger, storeLevel, id, entry.Snapshot.Layout);
                foreach (var c in critical.GetValueOrDefault(id) ?? [])
                {
                    Log.CredentialState(logger, credentialLevel, id, c.DisplayId, c.State, c.Detail);
                }
            }
        }

        if (storesSummarised)
        {
            var layouts = Breakdown(upChanged.Select(e => e.Snapshot.Layout.ToString()));
            Log.StoresChangedSummary(logger, upChanged.Count, layouts);
        }

        if (credentialsSummarised)
        {
            var states = Breakdown(credentials.Select(c => c.State));
            var stores = upChanged.Count(e => critical.ContainsKey(e.Snapshot.Id));
            Log.CredentialStatesSummary(logger, credentials.Count, stores, states);
        }
    }

    private static string Breakdown(IEnumerable<string> values) => string.Join(", ", values
        .GroupBy(v => v, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count())
        .ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Count()} {g.Key}"));

    /// <summary>Requests a rescan soon (debounced); safe from any thread.</summary>
    public void RequestScan()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: coalesced.
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scan = options.Value.Scan;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = scan.RescanInterval;
            try
            {
                var before = registry.Current;
                var after = await ScanOnceAsync(stoppingToken, watch: true);
                // After a change, look again soon: a file still being written into a brand-new agent dir can
                // produce its last events before inotify watches that dir, and a torn read must heal quickly.
                // Only after a change, so a store that stays broken is not re-read every second.
                if (after.Stores.Count != before.Stores.Count || after.Stores.Values.Any(e => e.LastChangeAt == after.LastScanAt))
                {
                    wait = TimeSpan.FromTicks(Math.Min(FollowUp.Ticks, scan.RescanInterval.Ticks));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A scan bug must not kill the daemon; the next event or tick retries.
                Log.ScanFailed(logger, ex);
            }

            try
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var rescan = Task.Delay(wait, time, tick.Token);
                var signalled = _signal.WaitAsync(tick.Token);
                var first = await Task.WhenAny(rescan, signalled);
                await tick.CancelAsync();
                if (first == signalled && scan.Debounce > TimeSpan.Zero)
                {
                    await Task.Delay(scan.Debounce, time, stoppingToken);
                    while (_signal.CurrentCount > 0)
                    {
                        await _signal.WaitAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Rewatch(IReadOnlyList<string> directories, string openClawState)
    {
        var targets = directories.Select(NearestExisting).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (targets.SequenceEqual(_watched, StringComparer.Ordinal))
        {
            return;
        }

        DisposeWatchers();
        _stateDir = openClawState;
        foreach (var dir in targets)
        {
            try
            {
                var w = new FileSystemWatcher(dir)
                {
                    IncludeSubdirectories = dir == openClawState || dir.StartsWith(openClawState + "/", StringComparison.Ordinal),
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                    InternalBufferSize = 64 * 1024,
                };
                w.Changed += OnEvent;
                w.Created += OnEvent;
                w.Deleted += OnEvent;
                w.Renamed += OnEvent;
                w.Error += (_, _) =>
                {
                    Log.WatcherError(logger);
                    RequestScan();
                };
                w.EnableRaisingEvents = true;
                _watchers.Add(w);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                Log.WatchFailed(logger, dir, ex.Message);
            }
        }

        _watched = targets;
        Log.Watching(logger, _watchers.Count);
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        var name = e.Name is null ? string.Empty : Path.GetFileName(e.Name);
        Log.FileEvent(logger, e.ChangeType, e.FullPath);
        if (OpenClawFiles.IsNoise(name) && e is not RenamedEventArgs)
        {
            return;
        }

        // SQLite sidecars: -shm changes on every read (ours included) and our own read-only opens touch the -wal.
        // A -wal event during (or just after) our own scan is our echo; outside it, it is the gateway committing.
        if (name.EndsWith("-shm", StringComparison.Ordinal))
        {
            return;
        }

        if (name.EndsWith("-wal", StringComparison.Ordinal)
            && (Volatile.Read(ref _scanning) || time.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _scanEndedTicks), TimeSpan.Zero) < EchoWindow))
        {
            return;
        }

        // The recursive state-dir watcher also sees logs, sessions and caches: only agent dirs, the state database (shared store) and the config matter.
        var state = _stateDir;
        if (state is not null && e.FullPath.StartsWith(state + "/", StringComparison.Ordinal)
            && !e.FullPath.StartsWith(state + "/agents", StringComparison.Ordinal)
            && !e.FullPath.StartsWith(OpenClawStateDbReader.PathFor(state), StringComparison.Ordinal)
            && !OpenClaw.OpenClawInstallation.IsConfigFileName(name))
        {
            return;
        }

        RequestScan();
    }

    // A store dir that does not exist yet is watched through its nearest existing parent, so its creation is seen.
    private static string? NearestExisting(string dir)
    {
        for (var d = dir; !string.IsNullOrEmpty(d); d = Path.GetDirectoryName(d))
        {
            if (Directory.Exists(d))
            {
                return d;
            }
        }

        return null;
    }

    private void DisposeWatchers()
    {
        foreach (var w in _watchers)
        {
            w.EnableRaisingEvents = false;
            w.Dispose();
        }

        _watchers.Clear();
    }

    public override void Dispose()
    {
        DisposeWatchers();
        _signal.Dispose();
        base.Dispose();
    }
}
