using System.Text;
using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Formatting;

/// <summary>
/// Renders grouped notifications as Telegram HTML. Producer text is plain text: it is scrubbed of
/// anything token-shaped, bounded, escaped, and `backticked` spans become &lt;code&gt; (commands to run).
/// </summary>
internal static class AlertFormatter
{
    public const int TelegramLimit = 4096;
    public const int MaxTextPerAlert = 1500;

    public static IReadOnlyList<string> Format(IReadOnlyList<AlertNotification> group, int limit = TelegramLimit)
    {
        ArgumentOutOfRangeException.ThrowIfZero(group.Count);
        var sb = new StringBuilder();
        var firing = group.Count(n => n.Phase is not NotificationPhase.Resolved);
        var resolved = group.Count - firing;
        var top = group.Max(n => n.Phase == NotificationPhase.Resolved ? AlertSeverity.Info : n.Severity);
        if (group.Count == 1 && group[0].Phase == NotificationPhase.Test)
        {
            sb.Append("🧪 <b>CredWatch</b>: test message");
        }
        else
        {
            sb.Append(firing > 0 ? Marker(top) : "✅").Append(" <b>CredWatch</b>: ");
            if (firing > 0)
            {
                sb.Append(firing).Append(firing == 1 ? " alert" : " alerts");
            }

            if (resolved > 0)
            {
                sb.Append(firing > 0 ? ", " : string.Empty).Append(resolved).Append(" resolved");
            }
        }

        foreach (var n in group)
        {
            sb.Append("\n\n").Append(FormatOne(n));
        }

        return HtmlSplitter.Split(sb.ToString(), limit);
    }

    internal static string FormatOne(AlertNotification n)
    {
        var prefix = n.Phase switch
        {
            NotificationPhase.Resolved => "✅ <b>resolved</b> · ",
            NotificationPhase.Repeat => Marker(n.Severity) + " <b>still</b> · ",
            _ => Marker(n.Severity) + " ",
        };
        return prefix + "<b>" + Escape(n.Kind.Replace('_', ' ')) + "</b>\n" + RenderText(n.Text);
    }

    private static string Marker(AlertSeverity s) => s switch
    {
        AlertSeverity.Critical => "🔴",
        AlertSeverity.Warning => "🟠",
        _ => "ℹ️",
    };

    /// <summary>Plain text → HTML: scrub, bound, escape, `code` spans.</summary>
    public static string RenderText(string text)
    {
        var clean = Limit(SecretScrubber.Scrub(text), MaxTextPerAlert);
        var segments = clean.Split('`');

        // An even count of segments means a backtick is unpaired: then no span is code.
        return segments.Length % 2 == 0
            ? Escape(clean)
            : string.Concat(segments.Select((s, i) => i % 2 == 1 ? "<code>" + Escape(s) + "</code>" : Escape(s)));
    }

    public static string Escape(string s) =>
        s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Bounds text to <paramref name="max"/> UTF-16 units without splitting a surrogate pair.</summary>
    public static string Limit(string s, int max)
    {
        if (s.Length <= max)
        {
            return s;
        }

        var cut = max - 1;
        if (char.IsLowSurrogate(s[cut]) && cut > 0)
        {
            cut--;
        }

        return s[..cut] + "…";
    }
}
