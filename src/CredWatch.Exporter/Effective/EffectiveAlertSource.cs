using CredWatch.Alerts;
using CredWatch.Exporter.AlertMapping;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using CredWatch.Alerts.Model;

namespace CredWatch.Exporter.Effective;

/// <summary>
/// "Agent X's next turn runs on a dead login while a live one exists": one condition per agent and provider in
/// <see cref="EffectiveStates.ShadowsLiveLogin"/>. A dead login with no live alternative is already alerted for the
/// credential itself (store alerts), so it is not repeated here — except a Gemini CLI login the <c>gemini</c> runtime
/// needs and the host does not have at all: no store of its own alerts for it, so one condition (whatever the number
/// of agents) says so.
/// </summary>
internal sealed class EffectiveAlertSource(EffectiveCredentials effective) : IAlertConditionSource
{
    public const string SourceName = "effective";

    public const string Kind = "shadows_live_login";

    public const string GeminiMissingKind = "login_missing";

    public string Source => SourceName;

    public IReadOnlyCollection<AlertCondition> Conditions(RegistryState state) => Map(effective.Evaluate(state));

    internal static IReadOnlyCollection<AlertCondition> Map(IReadOnlyList<EffectiveCredential> list)
    {
        var conditions = list.Where(e => e.State == EffectiveStates.ShadowsLiveLogin).Select(e => new AlertCondition(
            $"{Kind}/{e.Agent}/{e.Provider}", Kind, AlertSeverity.Critical,
            $"Dead login in use: agent {e.Agent}, {e.Provider} — {e.Detail}.\nFix: {e.Fix}"
            + (RepairCommands.MasksEmail(e.Fix ?? string.Empty) ? "\n(acct-… stands for the account's e-mail address in the real profile id.)" : string.Empty))
        {
            ResolvedText = $"resolved: agent {e.Agent} no longer runs {e.Provider} on a dead login",
        }).ToList();
        var missing = list.Where(e => e.Chosen is { Why: EffectiveCredentialResolver.GeminiLoginMissing }).Select(e => e.Agent).ToList();
        if (missing.Count > 0)
        {
            conditions.Add(new AlertCondition($"{GeminiMissingKind}/{StoreLabels.GeminiCli}", GeminiMissingKind, AlertSeverity.Critical,
                $"Gemini CLI login missing: OpenClaw runs {EffectiveCredentialResolver.GeminiCliProvider} turns of agent {string.Join(", ", missing)} " +
                "through the `gemini` CLI with no stored profile to hand it, so the CLI's own login is used — and there is none " +
                "(no ~/.gemini/oauth_creds.json). Every such turn fails.\n" +
                $"Fix: {RepairCommands.GeminiRepair}")
            {
                ResolvedText = "resolved: the Gemini CLI has a login again",
            });
        }

        return conditions;
    }
}
