using CredWatch.Exporter.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// Daemon <c>--resync</c>: subscribes to <see cref="StoreRegistry.Changed"/> and repairs copies as soon as
/// they turn stale. Passes are debounced (a burst of writes is one pass) and serialized (one loop). A
/// refusal or a permanent failure is reported once per (copy token, source token) pair, not on every scan;
/// transient failures (lock busy, source rotating) are retried on the next change or after a back-off.
/// Does nothing unless <c>CredWatch:Resync:Enabled</c>.
/// </summary>
internal sealed class ResyncMonitor(
    IOptions<ResyncOptions> options,
    StoreRegistry registry,
    ResyncRunner runner,
    IEnumerable<IResyncResultSink> sinks,
    TimeProvider time,
    ILogger<ResyncMonitor> logger) : BackgroundService
{
    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        ResyncReasons.LockTimeout, ResyncReasons.LockError, ResyncReasons.LockLost, ResyncReasons.PreconditionChanged,
        ResyncReasons.SourceChanged, ResyncReasons.Busy, ResyncReasons.ReadFailed, ResyncReasons.WriteFailed,
    };

    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failed = new(StringComparer.Ordinal);

    /// <summary>Raised after each pass that produced outcomes (on the resync loop).</summary>
    public event EventHandler<ResyncPassEventArgs>? Completed;

    /// <summary>Completed passes (tests and status).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    private long _passes;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        ResyncLog.DaemonEnabled(logger, o.Mode);
        registry.Changed += OnChanged;
        try
        {
            if (registry.Current.Ready)
            {
                Signal();
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                // Retry transient failures on a slow timer even when no store changes.
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(o.RetryInterval);
                try
                {
                    await _signal.WaitAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }

                await Task.Delay(o.Debounce, time, stoppingToken);
                while (_signal.CurrentCount > 0)
                {
                    await _signal.WaitAsync(stoppingToken); // changes during the debounce join this pass
                }

                await PassAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            registry.Changed -= OnChanged;
        }
    }

    private void OnChanged(object? sender, RegistryChangedEventArgs e)
    {
        if (e.ChangedStores.Count > 0)
        {
            Signal();
        }
    }

    private void Signal()
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
            // Already signalled.
        }
    }

    private async Task PassAsync(CancellationToken ct)
    {
        try
        {
            var state = registry.Current;
            var now = time.GetUtcNow();
            var candidates = runner.Candidates(state)
                .Where(c => c.Relation is not (CopyRelation.InSync or CopyRelation.Unknown) && !IsSettled(c, now))
                .ToList();
            if (candidates.Count == 0)
            {
                return;
            }

            var report = await runner.RunAsync(candidates, SyncRequest.All, ct, rescanInline: false);
            foreach (var outcome in report.Outcomes)
            {
                var c = candidates.First(x => x.AgentId == outcome.AgentId && x.ProfileId == outcome.ProfileId);
                if (outcome.Action == ResyncAction.Skipped)
                {
                    _refused[SettledKey(c)] = Refusal(c, outcome.Reason);
                }
                else if (outcome.Action == ResyncAction.Failed && !Transient.Contains(outcome.Reason ?? ""))
                {
                    _failed[SettledKey(c)] = Pair(c);
                }
            }

            Interlocked.Increment(ref _passes);
            var repaired = report.Outcomes.Count(x => x.Action == ResyncAction.Repaired);
            var failed = report.Outcomes.Count(x => x.Action == ResyncAction.Failed);
            var skipped = report.Outcomes.Count(x => x.Action == ResyncAction.Skipped);
            ResyncLog.PassCompleted(logger, repaired, failed, skipped);
            Publish(report);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ResyncLog.PassCrashed(logger, ex.GetType().Name + ": " + ex.Message);
        }
    }

    private void Publish(SyncReport report)
    {
        Action<SyncReport>[] handlers =
            [r => Completed?.Invoke(this, new ResyncPassEventArgs(r)), .. sinks.Select(s => (Action<SyncReport>)s.OnResyncCompleted)];
        foreach (var handler in handlers)
        {
            try
            {
                handler(report);
            }
            catch (Exception ex)
            {
                ResyncLog.SinkFailed(logger, ex.GetType().Name);
            }
        }
    }

    /// <summary>
    /// A refusal is settled while the copy holds the same token and the rules give the same reason (a source rotation
    /// does not recount an <c>unrelated</c> copy); a permanent failure is settled for the same copy and source tokens.
    /// </summary>
    private bool IsSettled(ResyncCandidate c, DateTimeOffset now)
    {
        var key = SettledKey(c);
        var d = ResyncDecider.Decide(c, now, options.Value);
        return d.Repair
            ? _failed.TryGetValue(key, out var pair) && pair == Pair(c)
            : _refused.TryGetValue(key, out var refusal) && refusal == Refusal(c, d.Reason);
    }

    private static string Refusal(ResyncCandidate c, string? reason) => (c.Copy.RefreshFingerprint ?? "") + "|" + reason;

    private static string SettledKey(ResyncCandidate c) => c.StorePath + "#" + c.ProfileId;

    private static string Pair(ResyncCandidate c) => (c.Copy.RefreshFingerprint ?? "") + "|" + (c.Source.RefreshFingerprint ?? "") + "|" + (c.Source.ExpiresAtMs ?? 0);

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }
}
