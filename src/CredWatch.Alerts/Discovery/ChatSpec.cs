using System.Globalization;

namespace CredWatch.Alerts.Discovery;

/// <summary>Parses chat specs as OpenClaw writes them (<c>defaultTo</c>) and as the operator passes them.</summary>
internal static class ChatSpec
{
    /// <summary>
    /// Accepts <c>-100123</c>, <c>-100123:topic:42</c>, <c>-100123:42</c>, optionally prefixed
    /// <c>telegram:</c>/<c>tg:</c> and/or <c>group:</c>. Usernames (<c>@name</c>) cannot be resolved without
    /// calling Telegram and are rejected.
    /// </summary>
    public static bool TryParse(string? spec, out long chatId, out int? threadId)
    {
        chatId = 0;
        threadId = null;
        if (string.IsNullOrWhiteSpace(spec))
        {
            return false;
        }

        var s = WithoutTelegramPrefix(spec);
        foreach (var prefix in new[] { "group:", "channel:", "direct:", "dm:", "user:" })
        {
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                s = s[prefix.Length..];
            }
        }

        var parts = s.Split(':');
        if (!long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out chatId) || chatId == 0)
        {
            return false;
        }

        string? thread = parts.Length switch
        {
            1 => null,
            2 => parts[1],
            3 when parts[1].Equals("topic", StringComparison.OrdinalIgnoreCase) => parts[2],
            _ => "bad",
        };
        if (thread is null)
        {
            return true;
        }

        if (!int.TryParse(thread, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
        {
            return false;
        }

        threadId = t;
        return true;
    }

    /// <summary>
    /// A Telegram user id from an <c>allowFrom</c> entry: a positive number, optionally prefixed <c>telegram:</c> /
    /// <c>tg:</c> (OpenClaw's <c>normalizeTelegramAllowFromEntry</c>); null for anything else.
    /// </summary>
    public static long? UserId(string entry) =>
        long.TryParse(WithoutTelegramPrefix(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    private static string WithoutTelegramPrefix(string spec)
    {
        // One prefix, as OpenClaw's /^(telegram|tg):/i strips it.
        var s = spec.Trim();
        foreach (var prefix in (string[])["telegram:", "tg:"])
        {
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return s[prefix.Length..].Trim();
            }
        }

        return s;
    }
}
