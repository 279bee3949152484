namespace CredWatch.Exporter.Health.Status;

/// <summary>OpenClaw's usage bookkeeping for one stored profile.</summary>
internal sealed record StoredProfileUsageView(
    string Store,
    string? Agent,
    string Provider,
    string Profile,
    DateTimeOffset? CooldownUntil,
    DateTimeOffset? DisabledUntil,
    string? DisabledReason,
    long ErrorCount,
    IReadOnlyDictionary<string, long> FailureCounts,
    DateTimeOffset? LastUsed,
    DateTimeOffset? LastFailureAt);
