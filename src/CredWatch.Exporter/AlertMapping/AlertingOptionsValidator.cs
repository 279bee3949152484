using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.AlertMapping;

internal sealed class AlertingOptionsValidator : IValidateOptions<AlertingOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertingOptions options)
    {
        var errors = new List<string>();
        if (options.StoreTick < TimeSpan.FromSeconds(1) || options.StoreTick > TimeSpan.FromHours(1))
        {
            errors.Add($"CredWatch:Alerting:StoreTick must be between 00:00:01 and 01:00:00 (got {options.StoreTick}).");
        }

        if (options.ProviderSignalWindow < TimeSpan.FromSeconds(1) || options.ProviderSignalWindow > TimeSpan.FromDays(1))
        {
            errors.Add($"CredWatch:Alerting:ProviderSignalWindow must be between 00:00:01 and 1.00:00:00 (got {options.ProviderSignalWindow}).");
        }

        if (options.ConfirmScans is < 1 or > 100)
        {
            errors.Add($"CredWatch:Alerting:ConfirmScans must be between 1 and 100 (got {options.ConfirmScans}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
