namespace CredWatch.Exporter.Health;

/// <summary>One provider as one agent sees it.</summary>
/// <param name="Provider">Normalised provider.</param>
/// <param name="Profiles">Effective profiles of this provider, in the order OpenClaw would try them.</param>
/// <param name="UsableProfiles">How many are usable now.</param>
/// <param name="UsableAgainAt">Earliest end of a cooldown/disable that would bring a profile back (when none is usable).</param>
/// <param name="LastGoodProblem">When the first-tried profile is unusable (not merely cooling down) while another is usable: why.</param>
internal sealed record ProviderHealth(
    string Provider,
    IReadOnlyList<EffectiveProfile> Profiles,
    int UsableProfiles,
    DateTimeOffset? UsableAgainAt,
    string? LastGoodProblem);
