using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Health;

/// <summary>Rejects blank agent ids in <c>Health:IgnoreAgents</c> at start.</summary>
internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var blank = options.IgnoreAgents.Count(string.IsNullOrWhiteSpace);
        return blank > 0
            ? ValidateOptionsResult.Fail($"CredWatch:Health:IgnoreAgents holds {blank} blank agent id(s)")
            : ValidateOptionsResult.Success;
    }
}
