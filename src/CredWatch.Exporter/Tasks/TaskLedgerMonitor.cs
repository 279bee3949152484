using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Turns ledger passes into the current set of undelivered results: classifies tracked rows against the
/// clock, joins the cause (requester agent's login), counts each result once (persisted), publishes new
/// and resolved results once (persisted) and keeps the snapshot metrics and surfaces read.
/// One pass at a time (the hosted service's loop, or a CLI one-shot).
/// </summary>
internal sealed class TaskLedgerMonitor : IDisposable
{
    private readonly TaskLedgerReader _reader;
    private readonly CountedTaskStore _store;
    private readonly IAgentLoginStateSource _logins;
    private readonly ITaskResultSink _sink;
    private readonly TaskAutoRetry? _autoRetry;
    private readonly TaskLedgerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<(string Runtime, string Reason), long> _lostTotals =
        TaskLabels.Runtimes.SelectMany(_ => TaskLabels.Reasons, (runtime, reason) => (runtime, reason.ToLabel())).ToDictionary(k => k, _ => 0L);
    private readonly Dictionary<string, long> _errorCounts = new(StringComparer.Ordinal);
    private readonly Lock _totalsLock = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _unsettled = new(StringComparer.Ordinal);
    private volatile TaskLedgerSnapshot _current = TaskLedgerSnapshot.Empty;
    private Dictionary<string, BuiltResult> _built = new(StringComparer.Ordinal);
    private Task _persisting = Task.CompletedTask;
    private bool _storeLoaded;
    private string? _lastReason = "init";
    private DateTimeOffset _lastFull = DateTimeOffset.MinValue;
    private bool _everUp;

    public TaskLedgerMonitor(
        TaskLedgerReader reader,
        CountedTaskStore store,
        IAgentLoginStateSource logins,
        ITaskResultSink sink,
        IOptions<TaskLedgerOptions> options,
        TimeProvider time,
        ILogger<TaskLedgerMonitor> logger,
        TaskAutoRetry? autoRetry = null)
    {
        _autoRetry = autoRetry;
        _reader = reader;
        _store = store;
        _logins = logins;
        _sink = sink;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public TaskLedgerSnapshot Current => _current;

    /// <summary>Results counted since this process started, per (runtime, reason); every pair present.</summary>
    public IReadOnlyDictionary<(string Runtime, string Reason), long> LostTotals
    {
        get
        {
            lock (_totalsLock)
            {
                return new Dictionary<(string, string), long>(_lostTotals);
            }
        }
    }

    /// <summary>Failed passes since this process started, per reason (for <c>credwatch_store_errors_total{store="openclaw-tasks"}</c>).</summary>
    public IReadOnlyDictionary<string, long> ErrorCounts
    {
        get
        {
            lock (_totalsLock)
            {
                return new Dictionary<string, long>(_errorCounts, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>One pass: full when asked, on the first pass, or when the full-pass interval elapsed.</summary>
    public async Task<TaskLedgerSnapshot> PassAsync(bool full, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await PassCoreAsync(full, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A retry asked for from the chat, between passes (never during one): only for a waiting subagent result of the last
    /// pass, through <see cref="TaskAutoRetry.RetryOnRequestAsync"/>. Besides its outcomes: <c>unknown</c> (no such waiting
    /// result) and <c>not_subagent</c> (OpenClaw retries only subagent completions).
    /// </summary>
    public async Task<(string Outcome, string Text)> RetryOnRequestAsync(string taskId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var result = _current.Results.FirstOrDefault(r => string.Equals(r.TaskId, taskId, StringComparison.Ordinal));
            if (result is null || _store.Get(taskId) is not { } entry)
            {
                return ("unknown", $"no waiting result with task id {taskId} (the ids are in the alerts, and in `credwatch scan --tasks`)");
            }

            if (result.Runtime != "subagent" || _autoRetry is null)
            {
                return ("not_subagent", $"OpenClaw retries only subagent completions; task {taskId} is a {result.Runtime} task");
            }

            var outcome = await _autoRetry.RetryOnRequestAsync(result, entry, _logins, cancellationToken);
            if (TaskRetryOutcomes.All.Contains(outcome.Outcome))
            {
                _store.MarkDirty();
                await PersistAsync(wait: true);
            }

            return outcome;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Completes once every counted/alerted id recorded so far is on disk.</summary>
    public Task FlushAsync() => _persisting;

    public void Dispose()
    {
        // Counted ids still being written in the background reach the disk before the process moves on.
        if (!_persisting.Wait(TimeSpan.FromSeconds(10)))
        {
            TaskLog.CountedFileSaveFailed(_logger, _store.Path);
        }

        _reader.Dispose();
        _gate.Dispose();
    }

    private async Task<TaskLedgerSnapshot> PassCoreAsync(bool full, CancellationToken cancellationToken)
    {
        if (!_storeLoaded)
        {
            _autoRetry?.ReportStart();
            _store.Load();
            if (_store.LoadProblem is { } problem)
            {
                TaskLog.CountedFileBad(_logger, _store.Path, problem);
            }

            _storeLoaded = true;
        }

        var now = _time.GetUtcNow();
        full |= now - _lastFull >= _options.FullPassInterval;
        var sw = Stopwatch.StartNew();
        var read = _reader.Read(full);
        if (read.Full && read.Reason is null)
        {
            _lastFull = now;
        }

        if (read.Reason is not null)
        {
            // No ledger is not a broken ledger, unless one was configured or this one was read before and vanished.
            var configured = !string.IsNullOrEmpty(_options.StateDatabase) && !_options.StateDatabaseDiscovered;
            var absent = LedgerReasons.MeansNoLedger(read.Reason) && !configured && !_everUp;
            if (!absent)
            {
                lock (_totalsLock)
                {
                    _errorCounts[read.Reason] = _errorCounts.GetValueOrDefault(read.Reason) + 1;
                }
            }

            if (_lastReason != read.Reason)
            {
                TaskLog.LedgerDown(_logger, _reader.Path, read.Reason, read.Detail);
                _lastReason = read.Reason;
            }

            // Keep the last known results: a busy or vanished database must not look like "all delivered".
            var kept = _current with { DatabasePath = _reader.Path, Up = false, Absent = absent, Reason = read.Reason, Detail = read.Detail, LastPassAt = now };
            _current = kept;
            return kept;
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        var results = new List<UndeliveredResult>();
        var built = new Dictionary<string, BuiltResult>(StringComparer.Ordinal);
        foreach (var task in read.Tracked)
        {
            var reason = TaskClassifier.Classify(task, nowMs, _options.StuckPendingGrace, _options.StaleRunningLimit);
            if (reason is null || task.TaskId.Length == 0)
            {
                continue;
            }

            var runtime = TaskLabels.Runtime(task.Runtime);
            var entry = _store.GetOrAdd(task.TaskId, runtime);

            // The login "at the time": the first broken state seen with this failure sticks.
            if (entry.Login is not { LoginBroken: true } && UndeliveredResultBuilder.RequesterAgent(task) is { } agent
                && _logins.Get(agent) is { } login && (login.LoginBroken || entry.Login is null))
            {
                entry.Login = login;
                entry.AwaitingLogin |= login.LoginBroken;
                _store.MarkDirty();
            }

            // Unchanged row, reason and login: reuse the record (most passes change nothing).
            UndeliveredResult result;
            if (_built.TryGetValue(task.TaskId, out var b) && b.Reason == reason.Value && b.Login == entry.Login
                && (ReferenceEquals(b.Task, task) || b.Task.Equals(task)))
            {
                result = b.Result;
            }
            else
            {
                result = UndeliveredResultBuilder.Build(task, reason.Value, entry.Login);
            }

            built[task.TaskId] = new BuiltResult(task, reason.Value, entry.Login, result);
            results.Add(result);
            if (entry.LastReason != result.ReasonLabel || entry.Label != result.Label)
            {
                entry.LastReason = result.ReasonLabel;
                entry.Label = result.Label;
                _store.MarkDirty();
            }

            if (entry.CountedReason is null && TaskLabels.IsCounted(reason.Value))
            {
                entry.CountedReason = result.ReasonLabel;
                entry.CountedAt = nowMs;
                _store.MarkDirty();
                lock (_totalsLock)
                {
                    _lostTotals[(runtime, result.ReasonLabel)]++;
                }
            }
        }

        _built = built;
        results.Sort(UndeliveredResult.NewestFirst);
        if (_autoRetry is not null && await _autoRetry.RunAsync(results, _store, _logins, cancellationToken))
        {
            _store.MarkDirty();
        }

        var live = results.Select(r => r.TaskId).ToHashSet(StringComparer.Ordinal);
        var alertStateChanged = await PublishAsync(results, live, now, read.Changed || read.Full, cancellationToken);
        Forget(live, read.Full);
        await PersistAsync(alertStateChanged);

        var oldest = results.Count == 0 ? 0 : results.Max(r => Math.Max(0, (now - r.SortTime).TotalSeconds));
        var snapshot = new TaskLedgerSnapshot
        {
            DatabasePath = _reader.Path,
            Initialized = true,
            Up = true,
            LastPassAt = now,
            Results = results,
            OldestUndeliveredAgeSeconds = oldest,
            TaskCounts = read.TaskCounts,
            QueueFailed = read.QueueFailed,
            TotalTasks = read.TotalTasks,
        };
        _current = snapshot;
        _everUp = true;
        if (_lastReason is not null)
        {
            TaskLog.LedgerUp(_logger, _reader.Path, read.TotalTasks, results.Count);
            _lastReason = null;
        }

        TaskLog.Pass(_logger, read.Full, read.Changed, read.RowsRead, read.Tracked.Count, sw.Elapsed.TotalMilliseconds);
        return snapshot;
    }

    private sealed record BuiltResult(LedgerTask Task, UndeliveredReason Reason, AgentLoginState? Login, UndeliveredResult Result);

    /// <summary>
    /// Writes the counted/alerted ids (fsync'd, atomic) in pass order. A pass that sent or resolved alerts
    /// waits for its write: the alert-once guarantee across restarts is as strong as before. Otherwise
    /// (new counted ids, login joins, forgotten ids) the write runs off the pass, right away, and the next
    /// pass or <see cref="Dispose"/> waits for it; a crash in that window (milliseconds) can at worst count
    /// a result once more after the restart, never alert it twice.
    /// </summary>
    private async Task PersistAsync(bool wait)
    {
        if (_store.TakeSnapshotIfDirty() is not { } bytes)
        {
            return;
        }

        var previous = _persisting;
        _persisting = WriteAfterAsync(previous, bytes);
        if (wait)
        {
            await _persisting;
        }
    }

    private async Task WriteAfterAsync(Task previous, byte[] bytes)
    {
        await previous.ConfigureAwait(false);
        if (!await Task.Run(() => _store.Write(bytes)).ConfigureAwait(false))
        {
            TaskLog.CountedFileSaveFailed(_logger, _store.Path);
        }
    }

    /// <summary>Hands new and resolved results to the sink; true when it marked any as alerted or resolved.</summary>
    private async Task<bool> PublishAsync(List<UndeliveredResult> results, HashSet<string> live, DateTimeOffset now, bool ledgerChanged, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var fired = results.Where(r => _store.Get(r.TaskId) is { AlertedAt: null }).ToList();
        var resolved = Resolutions(live, now, ledgerChanged);
        // No alerts capability wired: nothing was sent, so nothing may be marked as sent (the results
        // must still be alerted once a real sink exists, also after a restart).
        if ((fired.Count == 0 && resolved.Count == 0) || _sink is NullTaskResultSink)
        {
            return false;
        }

        try
        {
            await _sink.PublishAsync(fired, resolved, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            TaskLog.PublishFailed(_logger, fired.Count, resolved.Count, ex);
            return false;
        }

        foreach (var r in fired)
        {
            _store.Get(r.TaskId)!.AlertedAt = nowMs;
            TaskLog.Undelivered(_logger, r.Runtime, r.TaskId, r.ReasonLabel, r.Cause, r.AgentId, r.Label);
        }

        foreach (var r in resolved)
        {
            var e = _store.Get(r.TaskId)!;
            e.ResolvedAt = nowMs;

            // Fired once: a result that fails again later is not alerted a second time.
            TaskLog.Resolved(_logger, r.TaskId, r.Outcome, r.Detail);
        }

        _store.MarkDirty();
        return true;
    }

    /// <summary>
    /// Alerted results no longer undelivered, with how they ended (their current row decides). A row
    /// that is not settled yet (moving again, not delivered) waits: its alert ends once, with the outcome.
    /// The rows are read only when the ledger changed or a result just left the undelivered set.
    /// </summary>
    private List<ResolvedTaskResult> Resolutions(HashSet<string> live, DateTimeOffset now, bool ledgerChanged)
    {
        var candidates = _store.Entries
            .Where(kv => kv.Value.AlertedAt is not null && kv.Value.ResolvedAt is null && !live.Contains(kv.Key))
            .Select(kv => kv.Key)
            .ToList();
        if (candidates.Count == 0 || (!ledgerChanged && candidates.All(_unsettled.Contains)))
        {
            _unsettled.Clear();
            _unsettled.UnionWith(candidates);
            return [];
        }

        if (_reader.ReadRows(candidates) is not { } rows)
        {
            return [];
        }

        _unsettled.Clear();
        var resolved = new List<ResolvedTaskResult>();
        foreach (var id in candidates)
        {
            var row = rows.GetValueOrDefault(id);
            if (TaskOutcomes.Decide(row) is not { } outcome)
            {
                _unsettled.Add(id);
                continue;
            }

            var e = _store.Get(id)!;
            resolved.Add(new ResolvedTaskResult(id, e.Runtime, now)
            {
                Outcome = outcome.Outcome,
                Detail = outcome.Detail,
                Label = e.Label,
                LastReason = e.LastReason ?? e.CountedReason,
                Login = e.Login,
                SettledAt = row?.LastEventAt is { } le and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(le) : null,
                Retries = e.Retries ?? [],
            });
        }

        return resolved;
    }

    /// <summary>
    /// Drops remembered ids whose task left the ledger (checked on full passes only, and only once any
    /// pending resolution was published), so the file stays bounded by OpenClaw's own retention.
    /// </summary>
    private void Forget(HashSet<string> live, bool full)
    {
        var candidates = _store.Entries
            .Where(kv => !live.Contains(kv.Key) && (kv.Value.AlertedAt is null || kv.Value.ResolvedAt is not null))
            .Select(kv => kv.Key)
            .ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        // Remembered but never counted nor alerted (e.g. seen only at_risk, since delivered): nothing to keep.
        foreach (var id in candidates.Where(id => _store.Get(id) is { CountedReason: null, AlertedAt: null }).ToList())
        {
            _store.Remove(id);
            candidates.Remove(id);
        }

        if (!full || candidates.Count == 0)
        {
            return;
        }

        if (_reader.ReadRows(candidates) is { } present)
        {
            foreach (var id in candidates.Where(id => !present.ContainsKey(id)))
            {
                _store.Remove(id);
            }
        }
    }
}
