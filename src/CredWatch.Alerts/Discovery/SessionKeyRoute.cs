using System.Globalization;

namespace CredWatch.Alerts.Discovery;

/// <summary>
/// Parses OpenClaw requester session keys into a Telegram chat/topic, following OpenClaw's own shapes
/// (session-key.ts <c>buildAgentPeerSessionKey</c>/<c>parseSessionDeliveryRoute</c>, read from 2026.9.6):
/// <c>agent:&lt;a&gt;:telegram:group:&lt;chat&gt;[:topic:&lt;n&gt;]</c>, <c>…:telegram:channel:&lt;chat&gt;</c>,
/// <c>…:telegram:direct|dm:&lt;user&gt;</c>, <c>…:telegram:&lt;account&gt;:direct|dm:&lt;user&gt;</c>, each optionally
/// followed by <c>:thread:&lt;id&gt;</c>. Other channels and <c>agent:&lt;a&gt;:main</c> do not name a chat.
/// </summary>
internal static class SessionKeyRoute
{
    public static bool TryParse(string? sessionKey, out string? accountId, out long chatId, out int? threadId)
    {
        accountId = null;
        chatId = 0;
        threadId = null;
        if (string.IsNullOrWhiteSpace(sessionKey))
        {
            return false;
        }

        var raw = sessionKey.Trim();
        var threadMarker = raw.LastIndexOf(":thread:", StringComparison.OrdinalIgnoreCase);
        int? suffixThread = null;
        if (threadMarker >= 0)
        {
            if (int.TryParse(raw.AsSpan(threadMarker + 8), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                suffixThread = t;
            }

            raw = raw[..threadMarker];
        }

        var parts = raw.Split(':');
        // OpenClaw routes nothing for a blank agent id.
        if (parts.Length < 5 || !parts[0].Equals("agent", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(parts[1]) ||
            !parts[2].Equals("telegram", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // rest = parts[2..]: telegram:<kind>:<peer…> or telegram:<account>:direct|dm:<peer…>
        string kind;
        int peerStart;
        if (parts.Length >= 6 && parts[4].ToLowerInvariant() is "direct" or "dm" && parts[3].ToLowerInvariant() is not ("group" or "channel" or "direct" or "dm"))
        {
            if (string.IsNullOrWhiteSpace(parts[3]))
            {
                // telegram::dm:<peer>: OpenClaw routes nothing without the account.
                return false;
            }

            accountId = parts[3];
            kind = parts[4].ToLowerInvariant();
            peerStart = 5;
        }
        else
        {
            kind = parts[3].ToLowerInvariant();
            peerStart = 4;
        }

        if (kind is not ("group" or "channel" or "direct" or "dm"))
        {
            accountId = null;
            return false;
        }

        // OpenClaw passes the peer id on as written: "007", "+5" or "-0" is not the chat id that parses from it.
        if (!IsChatId(parts[peerStart]) || !long.TryParse(parts[peerStart], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out chatId))
        {
            accountId = null;
            return false;
        }

        // Peer id suffixes: <chat>:topic:<n> (forum topic); <chat>:direct-topic:<n> (DM topics: no
        // message_thread_id for sends, so the chat alone is the route).
        if (parts.Length >= peerStart + 3 && parts[peerStart + 1].Equals("topic", StringComparison.OrdinalIgnoreCase) &&
            int.TryParse(parts[peerStart + 2], NumberStyles.None, CultureInfo.InvariantCulture, out var topic))
        {
            threadId = topic;
        }

        threadId ??= suffixThread;
        if (threadId is 1 or <= 0)
        {
            threadId = null;
        }

        return true;
    }

    private static bool IsChatId(string text)
    {
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        return digits.Length > 0 && digits[0] is >= '1' and <= '9' && !digits.ContainsAnyExceptInRange('0', '9');
    }
}
