namespace CredWatch.Alerts;

/// <summary>
/// Bound from <c>CredWatch:Telegram</c> (flags <c>--telegram.api-url</c>, <c>--telegram.bot-token-file</c>,
/// <c>--telegram.chat-id</c>, <c>--telegram.thread-id</c>). Everything is optional: by default the bot,
/// chat and Bot API root come from OpenClaw's own config.
/// </summary>
public sealed class TelegramOptions
{
    public const string SectionName = "CredWatch:Telegram";

    /// <summary>Bot API root (self-hosted server, tests). Overrides OpenClaw's <c>apiRoot</c>.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>File holding the bot token (symlinks allowed here: the operator named it explicitly).</summary>
    public string? BotTokenFile { get; set; }

    /// <summary>One or more targets, comma separated: <c>-100123</c>, <c>-100123:topic:42</c>, <c>-100123:42</c>.</summary>
    public string? ChatId { get; set; }

    /// <summary>Forum topic for a <see cref="ChatId"/> entry that names none (1 = General = no thread).</summary>
    public int? ThreadId { get; set; }
    /// <summary>Optional second bot that takes commands (<c>CredWatch:Telegram:CommandBot:*</c>).</summary>
    public CommandBotOptions CommandBot { get; set; } = new();
}
