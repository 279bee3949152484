using System.Globalization;
using System.Text.Json.Nodes;

namespace CredWatch.Alerts;

/// <summary>
/// The Telegram users OpenClaw's gateway itself takes DMs from: <c>channels.telegram.allowFrom</c> and each account's
/// own <c>accounts.&lt;id&gt;.allowFrom</c> (an account without one inherits the root, as OpenClaw 2026.9.6 merges).
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

        var lists = new List<JsonArray>();
        if (telegram["allowFrom"] is JsonArray root)
        {
            lists.Add(root);
        }

        foreach (var (_, account) in (telegram["accounts"] as JsonObject) ?? [])
        {
            if (account?["allowFrom"] is JsonArray own)
            {
                lists.Add(own);
            }
        }

        var skipped = 0;
        foreach (var entry in lists.SelectMany(l => l))
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
