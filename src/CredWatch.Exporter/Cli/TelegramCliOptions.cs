using System.CommandLine;

namespace CredWatch.Exporter.Cli;

/// <summary>The <c>--telegram.*</c> flags (recursive on the root command), mapped to <c>CredWatch:Telegram:*</c>.</summary>
internal sealed class TelegramCliOptions
{
    public Option<string?> ApiUrl { get; } = new("--telegram.api-url") { Description = "Bot API root (self-hosted server); default OpenClaw's channels.telegram.apiRoot, else api.telegram.org", Recursive = true, HelpName = "URL" };

    public Option<string?> BotTokenFile { get; } = new("--telegram.bot-token-file") { Description = "File holding the bot token (default: OpenClaw's tokenFile/botToken, then $TELEGRAM_BOT_TOKEN)", Recursive = true, HelpName = "FILE" };

    public Option<string?> ChatId { get; } = new("--telegram.chat-id") { Description = "Chat(s) to alert, comma separated (-100123, -100123:topic:42); default OpenClaw's defaultTo", Recursive = true, HelpName = "ID[,ID]" };

    public Option<int?> ThreadId { get; } = new("--telegram.thread-id") { Description = "Forum topic for --telegram.chat-id entries naming none (1 = General)", Recursive = true, HelpName = "N" };

    public Option<string?> CommandBotTokenFile { get; } = new("--telegram.command-bot-token-file") { Description = "File holding the token of CredWatch's own command bot (a second bot, never the gateway's): /status, /retry and the Retry delivery button", Recursive = true, HelpName = "FILE" };

    public Option<string?> CommandBotAllowFrom { get; } = new("--telegram.command-bot-allow-from") { Description = "Telegram user ids allowed to command, comma separated (default: OpenClaw's channels.telegram.allowFrom)", Recursive = true, HelpName = "ID[,ID]" };

    public void AddTo(Command root)
    {
        root.Add(CommandBotTokenFile);
        root.Add(CommandBotAllowFrom);
        root.Add(ApiUrl);
        root.Add(BotTokenFile);
        root.Add(ChatId);
        root.Add(ThreadId);
    }

    public void AddConfiguration(ParseResult parse, IDictionary<string, string?> map)
    {
        void Set(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                map["CredWatch:Telegram:" + key] = value;
            }
        }

        Set("ApiUrl", parse.GetValue(ApiUrl));
        Set("BotTokenFile", CommonOptions.FullPath(parse.GetValue(BotTokenFile)));
        Set("ChatId", parse.GetValue(ChatId));
        Set("CommandBot:TokenFile", CommonOptions.FullPath(parse.GetValue(CommandBotTokenFile)));
        Set("CommandBot:AllowFrom", parse.GetValue(CommandBotAllowFrom));
        Set("ThreadId", parse.GetValue(ThreadId)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
