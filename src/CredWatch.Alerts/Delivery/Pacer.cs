namespace CredWatch.Alerts;

/// <summary>
/// Telegram's send limits, on TimeProvider time: one message per chat per interval (~1 s), at most N
/// per minute into a group (negative chat id), at most M per second overall, plus explicit pauses
/// from 429 retry_after.
/// </summary>
internal sealed class Pacer(AlertsOptions options)
{
    private readonly Dictionary<long, DateTimeOffset> lastPerChat = [];
    private readonly Dictionary<long, Queue<DateTimeOffset>> groupWindow = [];
    private readonly Queue<DateTimeOffset> global = new();
    private readonly Dictionary<string, DateTimeOffset> pausedUntil = new(StringComparer.Ordinal);

    public DateTimeOffset NextAllowed(DeliveryTarget target, DateTimeOffset now)
    {
        var at = now;
        if (pausedUntil.TryGetValue(target.AccountId + "/" + target.ChatId, out var paused) && paused > at)
        {
            at = paused;
        }

        if (lastPerChat.TryGetValue(target.ChatId, out var last) && last + options.PerChatInterval > at)
        {
            at = last + options.PerChatInterval;
        }

        if (target.ChatId < 0 && groupWindow.TryGetValue(target.ChatId, out var window))
        {
            Trim(window, now - TimeSpan.FromMinutes(1));
            if (window.Count >= options.GroupMessagesPerMinute)
            {
                var free = window.Peek() + TimeSpan.FromMinutes(1);
                at = free > at ? free : at;
            }
        }

        Trim(global, now - TimeSpan.FromSeconds(1));
        if (global.Count >= options.GlobalMessagesPerSecond)
        {
            var free = global.Peek() + TimeSpan.FromSeconds(1);
            at = free > at ? free : at;
        }

        return at;
    }

    public void Record(DeliveryTarget target, DateTimeOffset at)
    {
        lastPerChat[target.ChatId] = at;
        if (target.ChatId < 0)
        {
            if (!groupWindow.TryGetValue(target.ChatId, out var window))
            {
                groupWindow[target.ChatId] = window = new Queue<DateTimeOffset>();
            }

            window.Enqueue(at);
        }

        global.Enqueue(at);
    }

    /// <summary>429 retry_after: nothing more to that chat (through that bot) until then.</summary>
    public void Pause(DeliveryTarget target, DateTimeOffset until) => pausedUntil[target.AccountId + "/" + target.ChatId] = until;

    private static void Trim(Queue<DateTimeOffset> q, DateTimeOffset before)
    {
        while (q.Count > 0 && q.Peek() <= before)
        {
            q.Dequeue();
        }
    }
}
