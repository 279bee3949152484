namespace CredWatch.Exporter.Web.Status;

/// <summary>One store in <c>/api/status</c> (no secret, no fingerprint).</summary>
internal sealed record StoreStatusView(
    string Store,
    string? Agent,
    string Path,
    string Layout,
    bool Up,
    StoreErrorView? Error,
    int? SchemaVersion,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset LastChangeAt,
    string? SharedLocation,
    string? MigrationRequiredBy,
    IReadOnlyList<IgnoredResignInView> IgnoredResignIns,
    IReadOnlyList<EffectiveProfileView>? EffectiveProfiles,
    IReadOnlyList<ProfileStatusView> Profiles);
