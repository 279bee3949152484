using System.Text.Json;

namespace CredWatch.Exporter.Stores;

/// <summary>
/// One <c>usageStats</c> entry of OpenClaw (times in ms since epoch converted to <see cref="DateTimeOffset"/>).
/// Typed fields cover what is known; <see cref="Raw"/> keeps the whole entry (it holds no secrets).
/// </summary>
/// <param name="LastUsed"><c>lastUsed</c>.</param>
/// <param name="ErrorCount"><c>errorCount</c>.</param>
/// <param name="FailureCounts"><c>failureCounts</c> (reason → count).</param>
/// <param name="CooldownUntil"><c>cooldownUntil</c>.</param>
/// <param name="DisabledUntil"><c>disabledUntil</c>.</param>
/// <param name="DisabledReason"><c>disabledReason</c>.</param>
/// <param name="LastFailureAt"><c>lastFailureAt</c>.</param>
/// <param name="Raw">The entry verbatim (cloned, detached from any document).</param>
internal sealed record ProfileUsage(
    DateTimeOffset? LastUsed,
    long? ErrorCount,
    IReadOnlyDictionary<string, long> FailureCounts,
    DateTimeOffset? CooldownUntil,
    DateTimeOffset? DisabledUntil,
    string? DisabledReason,
    DateTimeOffset? LastFailureAt,
    JsonElement Raw);
