namespace CredWatch.Exporter.Web.Status;

/// <summary>One credential in a store and its comparison result.</summary>
internal sealed record ProfileStatusView(
    string Profile,
    string Provider,
    string Type,
    string? State,
    string? Source,
    string? Proof,
    string? Detail,
    string? Fence,
    DateTimeOffset? AccessExpiresAt,
    DateTimeOffset? RefreshExpiresAt,
    DateTimeOffset? LoginExpiresAt,
    bool ShadowsShared,
    bool StaleShadow);
