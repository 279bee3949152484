using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Metrics;

/// <summary>Rejects a capacity that cannot be meant (negative) or would preallocate gigabytes, at start.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        options.AgentCapacity is < 0 or > CardinalityLimits.MaxAgentCapacity
            ? ValidateOptionsResult.Fail(
                $"CredWatch:Metrics:AgentCapacity {options.AgentCapacity} must be 0 (twice the agents found at start, at least {CardinalityLimits.MinAgentCapacity}) or 1–{CardinalityLimits.MaxAgentCapacity}")
            : ValidateOptionsResult.Success;
}
