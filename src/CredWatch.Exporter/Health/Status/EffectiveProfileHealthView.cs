namespace CredWatch.Exporter.Health.Status;

/// <summary>One effective profile: which copy holds it and why it is (un)usable.</summary>
internal sealed record EffectiveProfileHealthView(
    string Profile,
    string Store,
    string Type,
    bool Inherited,
    bool Usable,
    IReadOnlyList<string> Reasons,
    DateTimeOffset? UsableAgainAt,
    string? BenchedModel,
    string? DisabledReason,
    IReadOnlyDictionary<string, long> FailureCounts,
    bool FirstTried);
