namespace CredWatch.Alerts.Model;

/// <summary>What the engine refuses from a producer: a condition or event without a usable key, kind or text.</summary>
internal static class AlertInput
{
    /// <summary>Why the alert is refused, or null when it is acceptable.</summary>
    public static string? Problem(string? key, string? kind, string? text)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 300)
        {
            return "alert key missing or longer than 300 characters";
        }

        if (!AlertKinds.IsValid(kind))
        {
            return "alert kind must be short snake_case";
        }

        return string.IsNullOrWhiteSpace(text) ? $"alert {kind} has no text" : null;
    }
}
