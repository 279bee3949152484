namespace CredWatch.Exporter.Resync;

/// <summary>
/// The source of truth a copy is compared with (normally the CLI store; in newest-wins the newest
/// agent copy). No secrets: the raw tokens are read only at write time via <see cref="ISourceCredentialReader"/>.
/// </summary>
/// <param name="Store">Label of the source store: <c>claude-cli</c>, <c>codex-cli</c>, or <c>openclaw</c> (newest-wins).</param>
/// <param name="SourceId">Stable id the reader understands (e.g. the CLI store's path, or <c>agent/profile</c>).</param>
/// <param name="IsBlanked">Tokens empty / expiresAt 0 (the CLI's state after a failed refresh).</param>
/// <param name="PriorRefreshFingerprints">Keyed fingerprints of refresh tokens this source held before (state dir).</param>
/// <param name="AccountKey">Keyed account id (Claude <c>oauthAccount.accountUuid</c>, Codex <c>tokens.account_id</c>).</param>
/// <param name="EmailKey">Keyed lower-cased <c>oauthAccount.emailAddress</c>.</param>
internal sealed record ResyncSource(
    string Store,
    string SourceId,
    bool IsBlanked,
    long? ExpiresAtMs,
    string? RefreshFingerprint,
    string? AccessFingerprint,
    IReadOnlySet<string> PriorRefreshFingerprints,
    string? AccountKey,
    string? EmailKey);
