using CredWatch.Alerts;
using CredWatch.Exporter.AlertMapping;
using CredWatch.Exporter.Registry;

namespace CredWatch.Exporter.Effective;

/// <summary>
/// "Agent X's next turn runs on a dead login while a live one exists": one condition per agent and provider in
/// <see cref="EffectiveStates.ShadowsLiveLogin"/>. A dead login with no live alternative is already alerted for the
/// credential itself (store alerts), so it is not repeated here.
/// </summary>
internal sealed class EffectiveAlertSource(EffectiveCredentials effective) : IAlertConditionSource
{
    public const string SourceName = "effective";

    public const string Kind = "shadows_live_login";

    public string Source => SourceName;

    public IReadOnlyCollection<AlertCondition> Conditions(RegistryState state) => Map(effective.Evaluate(state));

    internal static IReadOnlyCollection<AlertCondition> Map(IReadOnlyList<EffectiveCredential> list) =>
        [.. list.Where(e => e.State == EffectiveStates.ShadowsLiveLogin).Select(e => new AlertCondition(
            $"{Kind}/{e.Agent}/{e.Provider}", Kind, AlertSeverity.Critical,
            $"Dead login in use: agent {e.Agent}, {e.Provider} — {e.Detail}.\nFix: {e.Fix}"
            + (RepairCommands.MasksEmail(e.Fix ?? string.Empty) ? "\n(acct-… stands for the account's e-mail address in the real profile id.)" : string.Empty))
        {
            ResolvedText = $"resolved: agent {e.Agent} no longer runs {e.Provider} on a dead login",
        })];
}
