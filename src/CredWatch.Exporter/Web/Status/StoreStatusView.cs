using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Web.Status;

/// <summary>
/// One store in <c>/api/status</c> (no secret, no fingerprint). <c>present</c>: its file or directory is there;
/// <c>absent</c>: not there and not needed (not configured, never seen, no copies of it), so not an error.
/// </summary>
internal sealed record StoreStatusView(
    string Store,
    string? Agent,
    string Path,
    string Layout,
    bool Up,
    bool Present,
    bool Absent,
    StoreError? Error,
    int? SchemaVersion,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset LastChangeAt,
    string? SharedLocation,
    string? MigrationRequiredBy,
    IReadOnlyList<IgnoredResignInView> IgnoredResignIns,
    IReadOnlyList<EffectiveProfileView>? EffectiveProfiles,
    IReadOnlyList<ProfileStatusView> Profiles);
