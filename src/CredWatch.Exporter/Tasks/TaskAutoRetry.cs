using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// The opt-in automatic retry: a blocked subagent completion (OpenClaw gave up: delivery suspended) whose
/// cause was a broken login is retried once the requester agent's login is live again — once per broken →
/// live turn (<see cref="CountedTaskEntry.AwaitingLogin"/>), within <see cref="TaskLedgerOptions.AutoRetryMaxPerHour"/>,
/// never while the login is still dead (on 2026.9.6 such a retry fails and uses up a redrive). Called by the
/// ledger monitor inside its pass (one at a time); entries it changes are persisted by the monitor.
/// </summary>
internal sealed class TaskAutoRetry
{
    private const int MaxRecorded = 10;

    private static readonly TimeSpan UnreachedBackoff = TimeSpan.FromMinutes(1);

    private readonly TaskLedgerOptions _options;
    private readonly ITaskRetrier? _retrier;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly HashSet<string> _cappedLogged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _notBefore = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _totals = TaskRetryOutcomes.All.ToDictionary(o => o, _ => 0L, StringComparer.Ordinal);
    private readonly Lock _totalsLock = new();
    private bool _reported;

    public TaskAutoRetry(IOptions<TaskLedgerOptions> options, TimeProvider time, ILogger<TaskAutoRetry> logger, ITaskRetrier? retrier = null)
    {
        _options = options.Value;
        _retrier = retrier;
        _time = time;
        _logger = logger;
    }

    public bool Enabled => _options.AutoRetry;

    /// <summary>On and able to run retries.</summary>
    public bool Available => Enabled && _retrier?.Executable is not null;

    public string? Executable => _retrier?.Executable;

    /// <summary>Why it is on but cannot run (null when available or off).</summary>
    public string? UnavailableReason => Enabled && !Available
        ? (_options.OpenClawBin is { } bin ? $"{bin} is not an executable file" : "no `openclaw` executable on PATH (set Tasks:OpenClawBin)")
        : null;

    public int MaxPerHour => _options.AutoRetryMaxPerHour;

    /// <summary>Attempts since start by outcome (every outcome present).</summary>
    public IReadOnlyDictionary<string, long> Totals
    {
        get
        {
            lock (_totalsLock)
            {
                return new Dictionary<string, long>(_totals, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Says once, at start, whether retries will run.</summary>
    public void ReportStart()
    {
        if (_reported || !Enabled)
        {
            return;
        }

        _reported = true;
        if (Available)
        {
            TaskLog.AutoRetryOn(_logger, Executable!, MaxPerHour);
        }
        else
        {
            TaskLog.AutoRetryUnavailable(_logger, UnavailableReason!);
        }
    }

    /// <summary>Retries what is due among the current results; true when any entry changed.</summary>
    public async Task<bool> RunAsync(IReadOnlyList<UndeliveredResult> results, CountedTaskStore store, IAgentLoginStateSource logins, CancellationToken cancellationToken)
    {
        if (!Available)
        {
            return false;
        }

        var changed = false;
        foreach (var r in results)
        {
            if (r.Runtime != "subagent" || !string.Equals(r.DeliveryState, "suspended", StringComparison.Ordinal)
                || store.Get(r.TaskId) is not { Login.LoginBroken: true } entry || r.AgentId is not { } agent)
            {
                continue;
            }

            var now = logins.Get(agent);
            if (now is null)
            {
                continue;
            }

            if (now.LoginBroken)
            {
                // Still (or again) dead: the next live turn earns one retry.
                changed |= !entry.AwaitingLogin;
                entry.AwaitingLogin = true;
                continue;
            }

            if (!entry.AwaitingLogin || (_notBefore.TryGetValue(r.TaskId, out var notBefore) && _time.GetUtcNow() < notBefore))
            {
                continue;
            }

            if (!TakeSlot())
            {
                if (_cappedLogged.Add(r.TaskId))
                {
                    TaskLog.RetryCapped(_logger, r.TaskId, MaxPerHour);
                }

                continue;
            }

            _cappedLogged.Remove(r.TaskId);
            await AttemptAsync(r.TaskId, entry, now, cancellationToken);
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// A retry asked for from the chat (<c>/retry</c>, the button): the same run, count, log line and follow-up line as an
    /// automatic one, and the same rules — never while the login is still dead, within the hourly cap. Works whether or
    /// not automatic retry is on. Not run: outcome <c>unavailable</c>, <c>login_dead</c> or <c>held_back</c>, with the reason.
    /// </summary>
    public async Task<(string Outcome, string Text)> RetryOnRequestAsync(UndeliveredResult r, CountedTaskEntry entry, IAgentLoginStateSource logins, CancellationToken cancellationToken)
    {
        if (_retrier?.Executable is null)
        {
            return ("unavailable", "no `openclaw` executable to run the retry with (set Tasks:OpenClawBin); run `openclaw tasks retry " + r.TaskId + "` yourself");
        }

        var login = r.AgentId is { } agent ? logins.Get(agent) : null;
        if (login is { LoginBroken: true })
        {
            var fix = r.Commands.FirstOrDefault(c => c.Command.StartsWith("openclaw models auth login", StringComparison.Ordinal))?.Command
                ?? $"openclaw models auth login --provider {login.Provider} --profile-id '{login.ProfileId}'";
            return ("login_dead", $"the login {login.ProfileId} of agent {login.AgentId} is still {login.State}: a retry now would fail and use up one of OpenClaw's redrives. Fix the login first: `{fix}`");
        }

        if (!TakeSlot())
        {
            return ("held_back", $"held back: at most {MaxPerHour} retries per hour (Tasks:AutoRetryMaxPerHour)");
        }

        var (outcome, detail) = await AttemptAsync(r.TaskId, entry, login, cancellationToken);
        return (outcome, detail ?? string.Empty);
    }

    private async Task<(string Outcome, string? Detail)> AttemptAsync(string taskId, CountedTaskEntry entry, AgentLoginState? login, CancellationToken cancellationToken)
    {
        TaskLog.RetryAttempt(_logger, taskId, login?.ProfileId ?? "?", login?.AgentId ?? "?");
        var at = _time.GetUtcNow();
        var (outcome, detail) = await _retrier!.RetryAsync(taskId, cancellationToken);
        lock (_totalsLock)
        {
            _totals[outcome] = _totals.GetValueOrDefault(outcome) + 1;
        }

        if (outcome == TaskRetryOutcomes.Ok)
        {
            TaskLog.RetryOk(_logger, taskId);
        }
        else
        {
            TaskLog.RetryFailed(_logger, taskId, outcome, detail);
        }

        // A retry that never reached OpenClaw (no gateway, busy, timeout, could not start) did not spend a
        // redrive: the cause stays armed and the next try waits a minute (the hourly cap still bounds it).
        var reached = outcome is TaskRetryOutcomes.Ok or TaskRetryOutcomes.Refused;
        entry.AwaitingLogin = !reached;
        if (reached)
        {
            _notBefore.Remove(taskId);
        }
        else
        {
            _notBefore[taskId] = _time.GetUtcNow() + UnreachedBackoff;
        }

        entry.Retries ??= [];
        entry.Retries.Add(new TaskRetryRecord(at.ToUnixTimeMilliseconds(), outcome, detail));
        if (entry.Retries.Count > MaxRecorded)
        {
            // A login that keeps flapping must not grow the state file (and the follow-up) without bound.
            entry.Retries.RemoveAt(0);
        }

        return (outcome, detail);
    }

    private bool TakeSlot()
    {
        var now = _time.GetUtcNow();
        while (_recent.Count > 0 && now - _recent.Peek() >= TimeSpan.FromHours(1))
        {
            _recent.Dequeue();
        }

        if (_recent.Count >= MaxPerHour)
        {
            return false;
        }

        _recent.Enqueue(now);
        return true;
    }
}
