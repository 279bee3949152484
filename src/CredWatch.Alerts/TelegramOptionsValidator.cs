using Microsoft.Extensions.Options;
using CredWatch.Alerts.Discovery;

namespace CredWatch.Alerts;

internal sealed class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.ApiUrl) &&
            (!Uri.TryCreate(options.ApiUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            // Never echo the value: a mis-pasted URL may contain /bot<token>.
            errors.Add("--telegram.api-url must be an absolute http(s) URL");
        }

        if (!string.IsNullOrWhiteSpace(options.ChatId))
        {
            foreach (var spec in options.ChatId.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!ChatSpec.TryParse(spec, out _, out _))
                {
                    errors.Add($"--telegram.chat-id entry '{spec}' is not a numeric chat id (optionally :topic:<n>)");
                }
            }
        }

        if (options.ThreadId is < 1)
        {
            errors.Add("--telegram.thread-id must be a positive topic id");
        }

        var bot = options.CommandBot;
        if (!string.IsNullOrWhiteSpace(bot.Token) && !string.IsNullOrWhiteSpace(bot.TokenFile))
        {
            errors.Add("Telegram:CommandBot: set Token or TokenFile, not both");
        }

        if (bot.PollTimeout < TimeSpan.FromSeconds(1) || bot.PollTimeout > TimeSpan.FromSeconds(50))
        {
            errors.Add("Telegram:CommandBot:PollTimeout must be between 1 and 50 seconds");
        }

        foreach (var id in (bot.AllowFrom ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ChatSpec.UserId(id) is null)
            {
                errors.Add($"Telegram:CommandBot:AllowFrom entry '{id}' is not a numeric Telegram user id");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
