using Microsoft.Extensions.Options;

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

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
