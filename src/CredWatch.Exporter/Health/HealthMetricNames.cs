namespace CredWatch.Exporter.Health;

/// <summary>
/// Instrument names of profile health (METRICS.md "Health"). Kept here until integration moves them into
/// <c>Metrics/MetricNames.cs</c>; the meter is the Exporter's (<c>CredWatch.Exporter</c>).
/// </summary>
internal static class HealthMetricNames
{
    /// <summary><c>credwatch_profile_cooldown_until_timestamp_seconds{store,agent,provider,profile}</c> (0 when none).</summary>
    public const string CooldownUntil = "credwatch.profile.cooldown_until.timestamp";

    /// <summary><c>credwatch_profile_disabled_until_timestamp_seconds{store,agent,provider,profile}</c> (0 when none).</summary>
    public const string DisabledUntil = "credwatch.profile.disabled_until.timestamp";

    /// <summary><c>credwatch_profile_disabled{store,agent,provider,profile,reason}</c>.</summary>
    public const string Disabled = "credwatch.profile.disabled";

    /// <summary><c>credwatch_profile_errors{store,agent,provider,profile}</c> (OpenClaw's errorCount: a gauge, it resets on success).</summary>
    public const string Errors = "credwatch.profile.errors";

    /// <summary><c>credwatch_profile_failures{store,agent,provider,profile,reason}</c> (OpenClaw's failureCounts: a gauge, it resets).</summary>
    public const string Failures = "credwatch.profile.failures";

    /// <summary><c>credwatch_profile_last_used_timestamp_seconds{store,agent,provider,profile}</c>.</summary>
    public const string LastUsed = "credwatch.profile.last_used.timestamp";

    /// <summary><c>credwatch_profile_last_failure_timestamp_seconds{store,agent,provider,profile}</c>.</summary>
    public const string LastFailure = "credwatch.profile.last_failure.timestamp";

    /// <summary><c>credwatch_agent_usable_profiles{agent,provider}</c>.</summary>
    public const string AgentUsableProfiles = "credwatch.agent.usable_profiles";

    /// <summary><c>credwatch_agent_usable_providers{agent}</c>.</summary>
    public const string AgentUsableProviders = "credwatch.agent.usable_providers";

    /// <summary><c>credwatch_profile_last_good{store,agent,provider,profile}</c>.</summary>
    public const string LastGood = "credwatch.profile.last_good";

    /// <summary><c>credwatch_profile_config_smell{store,agent,provider,profile,smell}</c> (not yet in METRICS.md: add it at integration).</summary>
    public const string ConfigSmell = "credwatch.profile.config_smell";

    /// <summary>Tag: config-smell kind.</summary>
    public const string TagSmell = "smell";
}
