using System.Globalization;

namespace CredWatch.Alerts.Discovery;

/// <summary>
/// The Telegram users OpenClaw's gateway itself takes DMs from: each account's <c>allowFrom</c> (the host already
/// overlaid <c>accounts.&lt;id&gt;</c> on <c>channels.telegram</c>, as OpenClaw 2026.9.6 merges). Entries are numbers
/// or strings, optionally prefixed <c>telegram:</c> / <c>tg:</c> (OpenClaw's <c>normalizeTelegramAllowFromEntry</c>).
/// A <c>*</c> or an <c>accessGroup:</c> entry grants nothing here: commanding a retry is not something to open to
/// everyone, and access groups live outside the channel section.
/// </summary>
internal static class GatewayAllowFrom
{
    public static IReadOnlySet<long> Users(IEnumerable<OpenClawTelegramAccount> accounts, List<string> notes)
    {
        var users = new HashSet<long>();
        var skipped = 0;
        foreach (var raw in accounts.SelectMany(a => a.AllowFrom).Distinct(StringComparer.Ordinal))
        {
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
