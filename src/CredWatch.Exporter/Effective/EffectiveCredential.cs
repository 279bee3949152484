namespace CredWatch.Exporter.Effective;

/// <summary>
/// Which credential an agent's next turn uses for one provider, per OpenClaw 2026.9.6's own resolution, and whether
/// that login is alive.
/// </summary>
/// <param name="Agent">OpenClaw agent id.</param>
/// <param name="Provider">Normalised provider.</param>
/// <param name="State">One of <see cref="EffectiveStates"/>.</param>
/// <param name="Chosen">The first profile tried (null for <see cref="EffectiveStates.None"/>).</param>
/// <param name="Order">Every eligible profile in the order OpenClaw tries them (cooldown/disabled ones last).</param>
/// <param name="Skipped">Profiles of the provider OpenClaw does not try at all, with why (display id: reason).</param>
/// <param name="OrderFrom">Where the order came from: <c>agent</c>, <c>shared</c>, <c>config</c>, <c>config-profiles</c> or <c>stored</c>.</param>
/// <param name="LastGood">The stored <c>lastGood</c> (display id); recorded by OpenClaw but not used to pick the next profile.</param>
/// <param name="Detail">One sentence: what is used and what is wrong with it.</param>
/// <param name="Fix">The command(s) that fix it (null when live).</param>
internal sealed record EffectiveCredential(
    string Agent,
    string Provider,
    string State,
    EffectiveCandidate? Chosen,
    IReadOnlyList<EffectiveCandidate> Order,
    IReadOnlyList<string> Skipped,
    string OrderFrom,
    string? LastGood,
    string Detail,
    string? Fix)
{
    public bool Alive => State == EffectiveStates.Live;
}
