namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Where the requester is waiting: from <c>task_delivery_state.requester_origin_json</c> when OpenClaw
/// recorded it, else parsed from the requester session key
/// (<c>agent:&lt;id&gt;:telegram:group:&lt;chat&gt;:topic:&lt;thread&gt;</c>) for display. Only a recorded origin is a
/// route: a key is routed by the Alerts library's session-key router, which follows OpenClaw's own parser.
/// </summary>
internal sealed record RequesterOrigin(string? Channel, string? To, string? ThreadId, string? AccountId)
{
    /// <summary>True when OpenClaw recorded it; false when it was read off the session key (display only).</summary>
    public bool Recorded { get; init; } = true;

    /// <summary>Compact display form, e.g. <c>telegram:-1001234567890/42</c>.</summary>
    public string Display => (Channel ?? "?") + ":" + (To ?? "?") + (ThreadId is null ? string.Empty : "/" + ThreadId);

    /// <summary>Parses a requester session key; null when it names no chat (e.g. <c>agent:main:main</c>).</summary>
    public static RequesterOrigin? FromSessionKey(string? sessionKey)
    {
        if (string.IsNullOrEmpty(sessionKey))
        {
            return null;
        }

        var parts = sessionKey.Split(':');

        // agent:<id>:<channel>:<kind>:<peer>[:topic|thread:<id>]...
        if (parts.Length < 5 || !string.Equals(parts[0], "agent", StringComparison.Ordinal))
        {
            return null;
        }

        var channel = parts[2];
        var kind = parts[3];
        if (kind is not ("group" or "channel" or "direct" or "dm" or "supergroup"))
        {
            return null;
        }

        // The first topic/thread marker names the thread.
        var marker = Array.FindIndex(parts, 5, p => p is "topic" or "thread");
        var thread = marker >= 0 && marker + 1 < parts.Length ? parts[marker + 1] : null;
        return new RequesterOrigin(channel, parts[4], thread, null) { Recorded = false };
    }

    /// <summary>The agent named in a session key (<c>agent:&lt;id&gt;:…</c>), if any.</summary>
    public static string? AgentFromSessionKey(string? sessionKey)
    {
        if (string.IsNullOrEmpty(sessionKey) || !sessionKey.StartsWith("agent:", StringComparison.Ordinal))
        {
            return null;
        }

        var end = sessionKey.IndexOf(':', 6);
        var id = end < 0 ? sessionKey[6..] : sessionKey[6..end];
        return id.Length == 0 ? null : id;
    }
}
