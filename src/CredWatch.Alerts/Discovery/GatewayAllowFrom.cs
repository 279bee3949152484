using System.Globalization;
using System.Text.Json.Nodes;

namespace CredWatch.Alerts;

/// <summary>
/// The Telegram users OpenClaw's gateway itself takes DMs from: each account's <c>accounts.&lt;id&gt;.allowFrom</c>, else
/// <c>channels.telegram.allowFrom</c> (an account without its own inherits the root, as OpenClaw 2026.9.6 merges).
/// Entries are numbers or strings, optionally prefixed <c>telegram:</c> / <c>tg:</c> (OpenClaw's
/// <c>normalizeTelegramAllowFromEntry</c>). A <c>*</c> or an <c>accessGroup:</c> entry grants nothing here: commanding
/// a retry is not something to open to everyone, and access groups live outside the channel section.
/// </summary>
internal static class GatewayAllowFrom
{
    public static IReadOnlySet<long> Users(JsonObject? telegram, List<string> notes)
    {
        var users = new HashSet<long>();
        if (telegram is null)
        {
            return users;
        }

        // Each account's own list, else the root's; with no accounts, the root's.
        var root = telegram["allowFrom"] as JsonArray;
        var accounts = (telegram["accounts"] as JsonObject)?.Select(kv => kv.Value).ToList() ?? [];
        var lists = accounts.Count == 0
            ? [root]
            : accounts.Select(a => a?["allowFrom"] as JsonArray ?? root).ToList();
        lists = [.. lists.Where(l => l is not null).Distinct()];

        var skipped = 0;
        foreach (var entry in lists.SelectMany(l => l!))
        {
            var raw = entry switch
            {
                JsonValue v when v.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                _ => string.Empty,
            };
            var text = raw.Trim();
            foreach (var prefix in (string[])["telegram:", "tg:"])
            {
                if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    text = text[prefix.Length..].Trim();
                }
            }

            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                users.Add(id);
            }
            else
            {
                skipped++;
            }
        }

        if (skipped > 0)
        {
            notes.Add($"{skipped} allowFrom entr{(skipped == 1 ? "y" : "ies")} of OpenClaw's Telegram config (\"*\", access groups, names) grant no command bot access");
        }

        return users;
    }
}
