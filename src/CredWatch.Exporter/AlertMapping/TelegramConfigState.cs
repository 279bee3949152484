using CredWatch.Alerts;
using CredWatch.Alerts.Discovery;

namespace CredWatch.Exporter.AlertMapping;

/// <summary>Whether the user meant Telegram alerts to work, read from discovery's outcome.</summary>
internal static class TelegramConfigState
{
    /// <summary>
    /// True when Telegram was configured (explicit CredWatch settings, or an OpenClaw config with a
    /// <c>channels.telegram</c> section) — so "cannot send" is a problem, not a choice.
    /// </summary>
    public static bool Configured(TelegramSetup setup, TelegramOptions options) =>
        !string.IsNullOrWhiteSpace(options.BotTokenFile) || !string.IsNullOrWhiteSpace(options.ChatId) || !string.IsNullOrWhiteSpace(options.ApiUrl)
        || setup.Accounts.Count > 0
        || (setup.ConfigPath is not null && !setup.Notes.Any(n =>
            (n.StartsWith("OpenClaw config", StringComparison.Ordinal) && n.EndsWith(" not found", StringComparison.Ordinal))
            || n.EndsWith("has no channels.telegram", StringComparison.Ordinal)));

    /// <summary>Notes about accounts or targets that exist but cannot send (missing/unreadable token, bad chat).</summary>
    public static IReadOnlyList<string> TokenProblems(TelegramSetup setup) =>
        [.. setup.Notes.Where(n => n.Contains("token", StringComparison.OrdinalIgnoreCase))];
}
