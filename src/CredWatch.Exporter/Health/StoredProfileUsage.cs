using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Health;

/// <summary>
/// What one store records about one of its profiles (the per-profile metrics): times already resolved against
/// "now", so a cooldown or disable in the past reads as none, as OpenClaw itself treats it.
/// </summary>
/// <param name="Store">Store the usage entry was read from.</param>
/// <param name="Provider">Normalised provider.</param>
/// <param name="DisplayId">Masked profile id.</param>
/// <param name="CooldownUntil">Active cooldown end, else null.</param>
/// <param name="DisabledUntil">Active disable end, else null.</param>
/// <param name="DisabledReason">Bounded reason of an active disable (<c>unknown</c> when OpenClaw gave none), else null.</param>
/// <param name="ErrorCount">OpenClaw's <c>errorCount</c> (0 when absent).</param>
/// <param name="FailureCounts">OpenClaw's <c>failureCounts</c> with bounded reasons.</param>
/// <param name="LastUsed"><c>lastUsed</c>.</param>
/// <param name="LastFailureAt"><c>lastFailureAt</c>.</param>
internal sealed record StoredProfileUsage(
    StoreId Store,
    string Provider,
    string DisplayId,
    DateTimeOffset? CooldownUntil,
    DateTimeOffset? DisabledUntil,
    string? DisabledReason,
    long ErrorCount,
    IReadOnlyDictionary<string, long> FailureCounts,
    DateTimeOffset? LastUsed,
    DateTimeOffset? LastFailureAt);
