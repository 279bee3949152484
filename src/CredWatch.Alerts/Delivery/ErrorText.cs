using CredWatch.Alerts.Formatting;

namespace CredWatch.Alerts.Delivery;

/// <summary>
/// Turns an exception from the HTTP/Telegram stack into one loggable line: type names and messages
/// only (no stack, no request URI), with the known token and anything token-shaped removed.
/// </summary>
internal static class ErrorText
{
    public static string Describe(Exception ex, string? token = null)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null && parts.Count < 3; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message}");
        }

        var text = string.Join(" ← ", parts);
        if (!string.IsNullOrEmpty(token))
        {
            text = text.Replace(token, SecretScrubber.Mask, StringComparison.Ordinal);
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && colon + 1 < token.Length)
            {
                text = text.Replace(token[(colon + 1)..], SecretScrubber.Mask, StringComparison.Ordinal);
            }
        }

        return AlertFormatter.Limit(SecretScrubber.Scrub(text), 300);
    }
}
