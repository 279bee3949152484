using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Comparison;

/// <summary>
/// The state of one credential (a copy compared with its source of truth, or a source store's own state).
/// Secret-free; safe to put in metrics labels (via <see cref="DisplayId"/>), /api/status and check output.
/// </summary>
/// <param name="Store">The store holding this credential.</param>
/// <param name="ProfileId">Raw profile id (may contain an e-mail: only for the operator's own terminal).</param>
/// <param name="DisplayId">Profile id with e-mails masked: use this everywhere else.</param>
/// <param name="Provider">Normalised provider label.</param>
/// <param name="State">One of <see cref="TokenStates"/>.</param>
/// <param name="Source">The source-of-truth store compared against (null for source stores and providers without one).</param>
/// <param name="FingerprintMismatch">True when the copy's refresh token differs from the source's; null when not comparable (fence, blank, source missing).</param>
/// <param name="Proof">Why the copy is believed to be (or not be) the same login.</param>
/// <param name="Detail">One human sentence on the verdict (secret-free).</param>
/// <param name="AccessExpiresAt">Copy's access-token expiry (null for fences/unknown).</param>
/// <param name="LoginExpiresAt">When the login itself ends, if known (refresh expiry, or access expiry when nothing can refresh it).</param>
internal sealed record ComparisonResult(
    StoreId Store,
    string ProfileId,
    string DisplayId,
    string Provider,
    string State,
    StoreId? Source,
    bool? FingerprintMismatch,
    SameLoginProof Proof,
    string Detail,
    DateTimeOffset? AccessExpiresAt,
    DateTimeOffset? LoginExpiresAt)
{
    /// <summary>True when this agent-local profile has the id of a shared-store profile (the agent uses this local copy).</summary>
    public bool ShadowsShared { get; init; }

    /// <summary>True when that local shadow is stale while the shared profile is healthy (<c>credwatch_profile_shadowed</c> 1).</summary>
    public bool StaleShadow { get; init; }

    /// <summary>The raw provider as stored (for OpenClaw's repair command; may differ from <see cref="Provider"/>).</summary>
    public string? StoredProvider { get; init; }
}
