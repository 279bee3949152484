using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;

namespace CredWatch.Exporter.Effective;

/// <summary>
/// <c>credwatch check</c>: one line per agent and provider saying which credential the next turn uses. Critical when
/// that login is dead while a live one exists (<c>shadows_live_login</c>) or dead altogether; the fix is on the line.
/// </summary>
internal sealed class EffectiveCheckContributor(EffectiveCredentials effective) : ICheckContributor
{
    public const string Component = "uses";

    public Task<IReadOnlyList<CheckLine>> GetLinesAsync(RegistryState state, CancellationToken cancellationToken) =>
        Task.FromResult(Lines(effective.Evaluate(state)));

    public static IReadOnlyList<CheckLine> Lines(IReadOnlyList<EffectiveCredential> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return [.. list.Select(e => new CheckLine(
            e.State is EffectiveStates.ShadowsLiveLogin or EffectiveStates.Dead ? CheckSeverity.Critical : CheckSeverity.Ok,
            Component,
            $"agent {e.Agent} {e.Provider}",
            $"{e.State}: {e.Detail}" + (e.Fix is { } fix ? $"; fix: {fix}" : string.Empty)))];
    }
}
