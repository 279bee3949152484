using System.Security.Cryptography;
using System.Text;
using CredWatch.State;
using Microsoft.Extensions.Logging;
using CredWatch.Alerts.Discovery;
using CredWatch.Alerts.Metrics;
using CredWatch.Alerts.Model;
using CredWatch.Alerts.Formatting;

namespace CredWatch.Alerts.Delivery;

/// <summary>
/// The alert book and the persistent outbox in one lock: level-triggered conditions are diffed into
/// fire / repeat / resolved notifications, one-shot events are de-duplicated by key, notifications wait
/// out the grouping window per target and are composed into messages. Every accepted change is written
/// to disk before the call returns; the dispatcher only ever sends what is on disk.
/// </summary>
public sealed class AlertEngine : IAlertSink, IDisposable
{
    private readonly object _gate = new();
    private readonly OutboxState _state;
    private readonly OutboxStore _store;
    private readonly TelegramSetup _setup;
    private readonly AlertsOptions _options;
    private readonly TimeProvider _time;
    private readonly AlertMetrics _metrics;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _signal = new(0);

    internal AlertEngine(AlertsOptions options, TelegramSetup setup, TimeProvider time, AlertMetrics metrics, StateFileReporter reporter, ILogger<AlertEngine> logger)
    {
        this._options = options;
        this._setup = setup;
        this._time = time;
        this._metrics = metrics;
        this._logger = logger;
        _store = new OutboxStore(options.StateDir ?? throw new InvalidOperationException("Alerts:StateDir is required"), reporter, time);
        _state = _store.Load(out var problem);
        if (problem is not null)
        {
            metrics.RecordFailure("outbox_corrupt");
            Log.OutboxCorrupt(logger, _store.FilePath, problem);
        }
        else if (_state.Pending.Count + _state.Messages.Count + _state.Firing.Count > 0)
        {
            Log.OutboxRestored(logger, _state.Pending.Count, _state.Messages.Count, _state.Firing.Count);
        }

        MarkInterruptedSends();

        metrics.DepthSource = () => Depth;
        metrics.FiringSource = FiringByKind;
    }

    private const int MaxButtons = 8;

    internal SemaphoreSlim Signal => _signal;

    public int Depth
    {
        get
        {
            lock (_gate)
            {
                return _state.Pending.Count + _state.Messages.Sum(m => m.NotificationIds.Count);
            }
        }
    }

    public void PublishConditions(string source, IReadOnlyCollection<AlertCondition> conditions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(conditions);
        var now = _time.GetUtcNow();
        var changed = false;
        lock (_gate)
        {
            var current = new Dictionary<string, AlertCondition>(StringComparer.Ordinal);
            foreach (var c in conditions)
            {
                if (AlertInput.Problem(c.Key, c.Kind, c.Text) is { } reason)
                {
                    Log.AlertRejected(_logger, reason);
                    continue;
                }

                current[BookKey(source, c.Key)] = c;
            }

            foreach (var (bookKey, c) in current)
            {
                // A condition still firing keeps its episode (fired at, last notified, repeat count) and takes the new text.
                var firing = _state.Firing.GetValueOrDefault(bookKey);
                var entry = _state.Firing[bookKey] = new BookEntry
                {
                    Source = source,
                    Key = c.Key,
                    Kind = c.Kind,
                    Severity = c.Severity,
                    Text = c.Text,
                    ResolvedText = c.ResolvedText,
                    Route = c.Route,
                    Action = c.Action,
                    FiredAt = firing?.FiredAt ?? now,
                    LastNotifiedAt = firing?.LastNotifiedAt ?? now,
                    Sequence = firing?.Sequence ?? 0,
                };
                if (firing is null)
                {
                    Enqueue(entry, NotificationPhase.Firing, c.Text, now);
                    changed = true;
                }
            }

            foreach (var (bookKey, entry) in _state.Firing.Where(kv => kv.Value.Source == source && !current.ContainsKey(kv.Key)).ToList())
            {
                _state.Firing.Remove(bookKey);
                Enqueue(entry, NotificationPhase.Resolved, entry.ResolvedText ?? FirstLine(entry.Text), now);
                changed = true;
            }

            if (changed)
            {
                SaveAndWake();
            }
        }
    }

    public void ResolveConditions(string source, string followUp, bool recovered)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(followUp);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var ended = _state.Firing.Where(kv => kv.Value.Source == source).ToList();
            foreach (var (bookKey, entry) in ended)
            {
                _state.Firing.Remove(bookKey);

                // Same notification id as a plain resolution: whichever way it ends, it ends once.
                Enqueue(entry, recovered ? NotificationPhase.Resolved : NotificationPhase.Event, followUp, now, "resolved");
            }

            if (ended.Count > 0)
            {
                SaveAndWake();
            }
        }
    }

    public void Raise(AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (AlertInput.Problem(alert.Key, alert.Kind, alert.Text) is { } reason)
        {
            Log.AlertRejected(_logger, reason);
            return;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var eventId = "e:" + alert.Key;
            if (_state.Seen.ContainsKey(eventId))
            {
                return;
            }

            _state.Seen[eventId] = now;
            foreach (var target in Resolve(alert.Route))
            {
                AddPending(new AlertNotification
                {
                    Id = eventId + "@" + target.Key,
                    AlertKey = alert.Key,
                    Kind = alert.Kind,
                    Severity = alert.Severity,
                    Phase = NotificationPhase.Event,
                    Text = alert.Text,
                    Target = target,
                    AcceptedAt = now,
                });
            }

            SaveAndWake();
        }
    }

    /// <summary>Repeats due conditions and composes groups whose window has passed. Returns when it next has work.</summary>
    internal DateTimeOffset Compose(DateTimeOffset now)
    {
        lock (_gate)
        {
            var changed = false;
            var next = now + TimeSpan.FromMinutes(1);
            foreach (var entry in _state.Firing.Values)
            {
                var due = entry.LastNotifiedAt + _options.RepeatInterval;
                if (due <= now)
                {
                    entry.Sequence++;
                    entry.LastNotifiedAt = now;
                    Enqueue(entry, NotificationPhase.Repeat, entry.Text, now);
                    changed = true;
                    due = now + _options.RepeatInterval;
                }

                next = Min(next, due);
            }

            foreach (var group in _state.Pending.GroupBy(n => n.Target.Key).ToList())
            {
                var items = group.OrderBy(n => n.AcceptedAt).ToList();
                var ready = items[0].AcceptedAt + _options.GroupingWindow;
                if (ready > now)
                {
                    next = Min(next, ready);
                    continue;
                }

                var ids = items.Select(n => n.Id).ToList();
                _state.Messages.Add(new OutboxMessage
                {
                    Id = "m:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', ids))))[..24],
                    Target = items[0].Target,
                    Parts = [.. AlertFormatter.Format(items, AlertFormatter.TelegramLimit - OutboxMessage.PossibleDuplicateNote.Length)],
                    Kinds = [.. items.Select(n => n.Kind)],
                    FallbackAccountId = items[0].FallbackAccountId,
                    Buttons = items.Where(n => n.Action is not null).Select(n => n.Action!).DistinctBy(a => a.Data).Take(MaxButtons).ToList() is { Count: > 0 } buttons ? buttons : null,
                    NotificationIds = ids,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
                foreach (var n in items)
                {
                    _state.Pending.Remove(n);
                    _state.Seen[n.Id] = now;
                }

                changed = true;
            }
            changed |= Bound();
            var expired = _state.Seen.Where(kv => kv.Value + _options.EventRetention < now).Select(kv => kv.Key).ToList();
            foreach (var k in expired)
            {
                _state.Seen.Remove(k);
            }

            if (changed || expired.Count > 0)
            {
                Save();
            }

            return next;
        }
    }

    /// <summary>The oldest message allowed to go now, or when the next one may go.</summary>
    internal (OutboxMessage? Message, DateTimeOffset NextAt) NextSendable(DateTimeOffset now, Pacer pacer)
    {
        lock (_gate)
        {
            var next = DateTimeOffset.MaxValue;
            foreach (var m in _state.Messages.OrderBy(m => m.CreatedAt))
            {
                var at = pacer.NextAllowed(m.Target, now);
                at = at > m.NextAttemptAt ? at : m.NextAttemptAt;
                if (at <= now)
                {
                    return (m, now);
                }

                next = Min(next, at);
            }

            return (null, next);
        }
    }

    /// <summary>Records, durably, that a part's Bot API call is about to be made (before the call).</summary>
    internal void OnSending(OutboxMessage message)
    {
        lock (_gate)
        {
            message.SendingPart = message.PartsSent;
            Save();
        }
    }

    internal void OnPartSent(OutboxMessage message)
    {
        lock (_gate)
        {
            message.SendingPart = null;
            message.PartsSent++;
            message.Attempts = 0;
            if (message.PartsSent >= message.Parts.Count)
            {
                _state.Messages.Remove(message);
                foreach (var kind in message.Kinds)
                {
                    _metrics.RecordSent(kind);
                }
            }

            Save();
        }
    }

    internal void OnFailed(OutboxMessage message, SendOutcome outcome, DateTimeOffset now, Pacer pacer)
    {
        _metrics.RecordFailure(outcome.Reason ?? "network");
        lock (_gate)
        {
            message.SendingPart = null;
            if (outcome.Reason == "timeout")
            {
                // No answer in time: Telegram may have posted it all the same, so the next try says so.
                message.MarkPossibleDuplicate(message.PartsSent);
            }

            if (outcome.Permanent && message.FallbackAccountId is { } fallback)
            {
                // The command bot is not in that chat (or was blocked): the gateway's bot says it, without the button.
                Log.CommandBotFallback(_logger, message.Id, message.Target.ToString(), outcome.Reason ?? "bad_request", outcome.Detail);
                message.Target = message.Target with { AccountId = fallback };
                message.FallbackAccountId = null;
                message.Buttons = null;
                message.Attempts = 0;
                message.NextAttemptAt = now;
            }
            else if (outcome.Permanent)
            {
                _state.Messages.Remove(message);
                Log.SendRejected(_logger, message.Id, message.Target.ToString(), outcome.Reason ?? "bad_request", outcome.Detail);
            }
            else if (outcome.RetryAfter is { } retryAfter)
            {
                var until = now + retryAfter;
                pacer.Pause(message.Target, until);
                foreach (var m in _state.Messages.Where(m => m.Target.AccountId == message.Target.AccountId && m.Target.ChatId == message.Target.ChatId))
                {
                    m.NextAttemptAt = m.NextAttemptAt > until ? m.NextAttemptAt : until;
                }

                Log.RateLimited(_logger, message.Target.ToString(), (int)retryAfter.TotalSeconds);
            }
            else
            {
                message.Attempts++;
                var backoff = TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, _options.InitialBackoff.Ticks * (1L << Math.Min(message.Attempts - 1, 20))));
                message.NextAttemptAt = now + backoff;
                Log.SendRetry(_logger, message.Target.ToString(), outcome.Reason ?? "network", outcome.Detail, message.Attempts, backoff.TotalSeconds);
            }

            Save();
        }
    }

    /// <summary>Copies of the queued messages (tests, status).</summary>
    internal IReadOnlyList<OutboxMessage> MessagesSnapshot()
    {
        lock (_gate)
        {
            return [.. _state.Messages];
        }
    }

    internal int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _state.Pending.Count;
            }
        }
    }

    public IReadOnlyDictionary<string, int> FiringByKind()
    {
        lock (_gate)
        {
            return _state.Firing.Values.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Alerts:Enabled=false (a fleet whose Alertmanager sends): the book still tracks what fires, but nothing is queued
    /// for a sender that never runs, or the outbox would only grow.
    /// </summary>
    internal IReadOnlyList<DeliveryTarget> Resolve(AlertRoute route) => _options.Enabled ? _setup.Targets(route) : [];

    private void Enqueue(BookEntry entry, NotificationPhase phase, string text, DateTimeOffset now, string? idPhase = null)
    {
        idPhase ??= phase switch { NotificationPhase.Firing => "fire", NotificationPhase.Resolved => "resolved", _ => "r" + entry.Sequence };
        var baseId = $"c:{entry.Source}:{entry.Key}:{entry.FiredAt.ToUnixTimeMilliseconds()}:{idPhase}";

        // A button's press reaches only the bot that sent it: an alert with an action (and its follow-up, so the
        // conversation stays with one bot) goes through the command bot when there is one.
        var viaCommandBot = entry.Action is not null && _setup.CommandBot is not null;
        foreach (var resolved in Resolve(entry.Route))
        {
            var target = viaCommandBot ? resolved with { AccountId = TelegramSetup.CommandBotAccountId } : resolved;
            AddPending(new AlertNotification
            {
                Id = baseId + "@" + target.Key,
                AlertKey = entry.Key,
                Kind = entry.Kind,
                Severity = entry.Severity,
                Phase = phase,
                Text = text,
                Target = target,
                AcceptedAt = now,
                FallbackAccountId = viaCommandBot ? resolved.AccountId : null,
                Action = viaCommandBot && (phase is NotificationPhase.Firing or NotificationPhase.Repeat) ? entry.Action : null,
            });
        }
    }

    private void AddPending(AlertNotification n)
    {
        if (_state.Seen.ContainsKey(n.Id) || _state.Pending.Any(p => p.Id == n.Id))
        {
            return;
        }

        _state.Pending.Add(n);
        Log.Accepted(_logger, n.Kind, n.Phase.ToString(), n.Target.ToString());
    }

    private bool Bound()
    {
        var dropped = _state.Messages.OrderBy(m => m.CreatedAt).Take(_state.Messages.Count - _options.MaxOutboxMessages).ToList();
        foreach (var oldest in dropped)
        {
            _state.Messages.Remove(oldest);
            _metrics.RecordFailure("dropped");
            Log.Dropped(_logger, oldest.Id, oldest.Target.ToString());
        }

        return dropped.Count > 0;
    }

    /// <summary>
    /// A part recorded as being sent when the process stopped may or may not have reached Telegram: it is sent once
    /// more, headed as a possible duplicate (never silently twice, never lost).
    /// </summary>
    private void MarkInterruptedSends()
    {
        var interrupted = _state.Messages.Where(m => m.SendingPart is not null).ToList();
        foreach (var m in interrupted)
        {
            if (m.SendingPart == m.PartsSent && m.MarkPossibleDuplicate(m.PartsSent))
            {
                _metrics.RecordFailure("interrupted_send");
                Log.InterruptedSend(_logger, m.Id, m.Target.ToString());
            }

            m.SendingPart = null;
        }

        if (interrupted.Count > 0)
        {
            Save();
        }
    }

    private void Save()
    {
        // On failure keep going from memory: alerts still flow while the process lives (the writer logs and counts it).
        if (!_store.Save(_state) && !_store.Blocked)
        {
            _metrics.RecordFailure("outbox_write_failed");
        }
    }

    private void SaveAndWake()
    {
        Save();
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    private static string BookKey(string source, string key) => source + "\u001f" + key;

    private static string FirstLine(string text)
    {
        var nl = text.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? text : text[..nl];
    }

    public void Dispose() => _signal.Dispose();

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
