namespace CredWatch.Exporter.Stores;

/// <summary>
/// One credential as read from a store: IO-free, secret-free (tokens are reduced to keyed fingerprints).
/// CLI stores yield one profile with id <c>default</c>.
/// </summary>
/// <param name="ProfileId">Raw profile id as stored (may contain an e-mail: never export it; use <see cref="DisplayId"/>).</param>
/// <param name="DisplayId">Profile id safe for labels/HTTP/alerts: e-mails replaced by <c>acct-&lt;8 hex&gt;</c>.</param>
/// <param name="Provider">Provider as stored (e.g. <c>claude-cli</c>).</param>
/// <param name="NormalizedProvider">Provider label (<c>claude-cli</c> → <c>anthropic</c>).</param>
/// <param name="Type">Credential type.</param>
/// <param name="AccessExpiresAt">Access-token expiry; null when unknown or when the profile is fenced (a fence's <c>expires: 1</c> is not an expiry).</param>
/// <param name="RefreshExpiresAt">Refresh-token (login) expiry when the store records it.</param>
/// <param name="AccessFingerprint">Keyed fingerprint of the access token/key (null when absent, blank or fenced).</param>
/// <param name="RefreshFingerprint">Keyed fingerprint of the refresh token (null when absent, blank or fenced).</param>
/// <param name="Fence">Refresh-fence state per OpenClaw's exact rule.</param>
/// <param name="Blanked">True when the tokens are present but empty / expiry 0 (a CLI's failed refresh).</param>
/// <param name="Email">Account e-mail recorded with the profile, if any (in-process evidence only; never exported).</param>
/// <param name="AccountId">Account id recorded with the profile, if any (in-process evidence only).</param>
/// <param name="ManagedBy">OpenClaw <c>managedBy</c> (e.g. <c>codex-cli</c> mirrors).</param>
internal sealed record ProfileSnapshot(
    string ProfileId,
    string DisplayId,
    string Provider,
    string NormalizedProvider,
    ProfileType Type,
    DateTimeOffset? AccessExpiresAt,
    DateTimeOffset? RefreshExpiresAt,
    Fingerprint? AccessFingerprint,
    Fingerprint? RefreshFingerprint,
    FenceState Fence,
    bool Blanked,
    string? Email,
    string? AccountId,
    string? ManagedBy)
{
    /// <summary>
    /// OpenClaw <c>authFlow</c>; <c>external-cli</c> marks a copy OpenClaw imported from an external CLI and will not
    /// refresh itself (2026.9.6: it re-imports the CLI's login once the copy is unusable).
    /// </summary>
    public string? AuthFlow { get; init; }

    /// <summary>True for a copy an external CLI owns (<c>authFlow: external-cli</c>).</summary>
    public bool ExternallyOwned => string.Equals(AuthFlow, "external-cli", StringComparison.Ordinal);
}
