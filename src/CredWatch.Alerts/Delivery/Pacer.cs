using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Delivery;

/// <summary>
/// Telegram's send limits, on TimeProvider time: one message per chat per interval (~1 s), at most N
/// per minute into a group (negative chat id), at most M per second overall, plus explicit pauses
/// from 429 retry_after.
/// </summary>
internal sealed class Pacer(AlertsOptions options)
{
    private readonly Dictionary<long, DateTimeOffset> _lastPerChat = [];
    private readonly Dictionary<long, Queue<DateTimeOffset>> _groupWindow = [];
    private readonly Queue<DateTimeOffset> _global = new();
    private readonly Dictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);

    public DateTimeOffset NextAllowed(DeliveryTarget target, DateTimeOffset now)
    {
        var at = now;
        if (_pausedUntil.TryGetValue(target.AccountId + "/" + target.ChatId, out var paused) && paused > at)
        {
            at = paused;
        }

        if (_lastPerChat.TryGetValue(target.ChatId, out var last) && last + options.PerChatInterval > at)
        {
            at = last + options.PerChatInterval;
        }

        if (target.ChatId < 0 && _groupWindow.TryGetValue(target.ChatId, out var window))
        {
            Trim(window, now - TimeSpan.FromMinutes(1));
            if (window.Count >= options.GroupMessagesPerMinute)
            {
                var free = window.Peek() + TimeSpan.FromMinutes(1);
                at = free > at ? free : at;
            }
        }

        Trim(_global, now - TimeSpan.FromSeconds(1));
        if (_global.Count >= options.GlobalMessagesPerSecond)
        {
            var free = _global.Peek() + TimeSpan.FromSeconds(1);
            at = free > at ? free : at;
        }

        return at;
    }

    public void Record(DeliveryTarget target, DateTimeOffset at)
    {
        _lastPerChat[target.ChatId] = at;
        if (target.ChatId < 0)
        {
            if (!_groupWindow.TryGetValue(target.ChatId, out var window))
            {
                _groupWindow[target.ChatId] = window = new Queue<DateTimeOffset>();
            }

            window.Enqueue(at);
        }

        _global.Enqueue(at);
    }

    /// <summary>429 retry_after: nothing more to that chat (through that bot) until then.</summary>
    public void Pause(DeliveryTarget target, DateTimeOffset until) => _pausedUntil[target.AccountId + "/" + target.ChatId] = until;

    private static void Trim(Queue<DateTimeOffset> q, DateTimeOffset before)
    {
        while (q.Count > 0 && q.Peek() <= before)
        {
            q.Dequeue();
        }
    }
}
