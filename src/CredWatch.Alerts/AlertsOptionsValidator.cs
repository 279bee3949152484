using Microsoft.Extensions.Options;

namespace CredWatch.Alerts;

internal sealed class AlertsOptionsValidator : IValidateOptions<AlertsOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertsOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.StateDir))
        {
            errors.Add("CredWatch:Alerts:StateDir is required for the alert outbox (the host sets it from CredWatch's state dir)");
        }

        if (options.RepeatInterval < TimeSpan.FromMinutes(1))
        {
            errors.Add("Alerts:RepeatInterval must be at least 1 minute");
        }

        if (options.GroupingWindow < TimeSpan.Zero || options.GroupingWindow > TimeSpan.FromMinutes(5))
        {
            errors.Add("Alerts:GroupingWindow must be between 0 and 5 minutes");
        }

        if (options.SendTimeout <= TimeSpan.Zero || options.InitialBackoff <= TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            errors.Add("Alerts:SendTimeout/InitialBackoff must be positive and MaxBackoff >= InitialBackoff");
        }

        if (options.PerChatInterval < TimeSpan.Zero || options.GroupMessagesPerMinute < 1 || options.GlobalMessagesPerSecond < 1 || options.MaxOutboxMessages < 1)
        {
            errors.Add("Alerts pacing limits and MaxOutboxMessages must be positive");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
