using System.Text.RegularExpressions;

namespace CredWatch.Alerts.Formatting;

/// <summary>
/// The one redactor for text CredWatch did not write itself: OpenClaw's task labels and prompts, recorded errors,
/// HTTP error bodies. People paste keys into prompts, so anything token-shaped (Anthropic/OpenAI keys, GitHub,
/// Slack, Telegram bot tokens, JWTs, bearer values, long hex or base64 runs, <c>/bot&lt;token&gt;</c> URL segments)
/// is replaced by <see cref="Mask"/> before the text can reach a log, metric, HTTP answer, CLI output or Telegram.
/// Redact before truncating: a key cut in half no longer matches its pattern.
/// </summary>
public static partial class SecretScrubber
{
    public const string Mask = "[redacted]";

    public static string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var s = BotUrl().Replace(text, "/bot" + Mask);
        s = Named().Replace(s, Mask);
        s = Jwt().Replace(s, Mask);
        s = Hex().Replace(s, Mask);
        return LongOpaque().Replace(s, Mask);
    }

    [GeneratedRegex(@"/bot\d+:[^/\s?#""']+", RegexOptions.CultureInvariant)]
    private static partial Regex BotUrl();

    /// <summary>Shapes with a vendor prefix, a Telegram bot token, a bearer value, OpenClaw's refresh fence.</summary>
    [GeneratedRegex(
        @"(?:\b(?:sk|rk|pk)-[A-Za-z0-9_-]{8,}" +
        @"|\bgh[pousr]_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}" +
        @"|\bxox[abposre]-[A-Za-z0-9-]{10,}" +
        @"|\bAIza[A-Za-z0-9_-]{30,}|\bAKIA[A-Z0-9]{16}\b" +
        @"|\b\d{3,}:[A-Za-z0-9_-]{20,}" +
        @"|\bBearer\s+[^\s""']+" +
        @"|openclaw-oauth-refresh-fence:[^\s""']+)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Named();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\b[0-9A-Fa-f]{32,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Hex();

    /// <summary>
    /// A run of 32+ base64/base64url characters mixing upper case, lower case and digits, as random key material
    /// does (a dashed id such as a UUID, a date-stamped name or a path stays readable).
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9+_-])(?=[A-Za-z+_-]*[0-9])(?=[a-z0-9+_-]*[A-Z])(?=[A-Z0-9+_-]*[a-z])[A-Za-z0-9+_-]{32,}={0,2}", RegexOptions.CultureInvariant)]
    private static partial Regex LongOpaque();
}
