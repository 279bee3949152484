namespace CredWatch.Exporter.Health.Status;

/// <summary>One provider of an agent and its effective profiles.</summary>
internal sealed record ProviderHealthView(
    string Provider,
    int UsableProfiles,
    DateTimeOffset? UsableAgainAt,
    string? LastGoodProblem,
    IReadOnlyList<EffectiveProfileHealthView> Profiles);
