using System.Text.RegularExpressions;

namespace CredWatch.Alerts;

/// <summary>
/// Last line of defence: producers pass secret-free text, but anything token-shaped (bot tokens,
/// Anthropic/OpenAI keys, JWTs, long opaque runs, /bot&lt;token&gt; URL segments) is masked before it
/// can reach Telegram or a log line.
/// </summary>
internal static partial class SecretScrubber
{
    public const string Mask = "[redacted]";

    public static string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var s = BotUrl().Replace(text, "/bot" + Mask);
        s = BotToken().Replace(s, Mask);
        s = VendorKey().Replace(s, Mask);
        s = Jwt().Replace(s, Mask);
        s = LongOpaque().Replace(s, Mask);
        return s;
    }

    [GeneratedRegex(@"/bot[^/\s?#""']+", RegexOptions.CultureInvariant)]
    private static partial Regex BotUrl();

    [GeneratedRegex(@"\b\d{3,}:[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex BotToken();

    [GeneratedRegex(@"\b(?:sk|rk|pk)-[A-Za-z0-9_-]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex VendorKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"[A-Za-z0-9_+-]{40,}={0,2}", RegexOptions.CultureInvariant)]
    private static partial Regex LongOpaque();
}
