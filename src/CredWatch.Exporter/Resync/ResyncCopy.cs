namespace CredWatch.Exporter.Resync;

/// <summary>
/// What core knows about the stale copy. No secrets: fingerprints are core's keyed HMACs, account ids
/// and e-mails are keyed too (only equality is needed).
/// </summary>
/// <param name="ProfileType">Stored <c>type</c> (or <c>mode</c>): only <c>oauth</c> is repaired.</param>
/// <param name="ManagedBy">Stored <c>managedBy</c> (e.g. <c>codex-cli</c>), null when absent.</param>
/// <param name="RefreshFingerprint">Keyed fingerprint of the copy's refresh token: the precondition re-checked under the lock.</param>
/// <param name="AccountKey">Keyed fingerprint of <c>accountId</c>, null when absent.</param>
/// <param name="EmailKey">Keyed fingerprint of the lower-cased <c>email</c>, null when absent.</param>
/// <param name="StoredProvider">Provider as stored (<c>claude-cli</c> marks a Claude CLI import), null when unknown.</param>
internal sealed record ResyncCopy(
    string ProfileType,
    string? ManagedBy,
    string? RefreshFingerprint,
    string? AccessFingerprint,
    long? ExpiresAtMs,
    string? AccountKey,
    string? EmailKey,
    string? StoredProvider = null);
