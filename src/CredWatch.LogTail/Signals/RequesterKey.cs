namespace CredWatch.LogTail.Signals;

/// <summary>
/// An OpenClaw session key such as <c>agent:main:telegram:group:-1001234567890:topic:42</c>, split into
/// the agent, the chat it belongs to and the forum topic (the chat/topic that lost a result).
/// </summary>
public sealed record RequesterKey(string Raw, string? Agent, string? Channel, string? ChatType, string? ChatId, string? Topic)
{
    /// <summary>Parses a session key; unknown shapes keep only <see cref="Raw"/> (and the agent when present).</summary>
    public static RequesterKey Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var parts = raw.Split(':');
        if (parts.Length < 2 || !string.Equals(parts[0], "agent", StringComparison.Ordinal))
        {
            return new RequesterKey(raw, null, null, null, null, null);
        }

        var agent = parts[1];
        if (parts.Length < 5)
        {
            // agent:<id>:main, agent:<id>:subagent:<uuid>, …: no chat.
            return new RequesterKey(raw, agent, null, null, null, null);
        }

        // agent:<id>:<channel>:<chatType>:<chatId>[:topic:<n>] — chat ids may be negative (groups).
        string? topic = null;
        var chatEnd = parts.Length;
        for (var i = 5; i + 1 < parts.Length; i++)
        {
            if (parts[i] is "topic" or "thread")
            {
                topic = parts[i + 1];
                chatEnd = i;
                break;
            }
        }

        var chatId = string.Join(':', parts[4..chatEnd]);
        return new RequesterKey(raw, agent, parts[2], parts[3], chatId, topic);
    }
}
