using CredWatch.Alerts;
using CredWatch.Exporter.Health;
using CredWatch.Exporter.Registry;
using CredWatch.Alerts.Model;

namespace CredWatch.Exporter.AlertMapping;

/// <summary>
/// Health → Alerts: "agent X has no usable model auth" as a level-triggered condition per agent,
/// evaluated against the same registry state the store alerts use, resolved when the agent recovers
/// (a cooldown ending is enough: the publisher's clock tick re-evaluates).
/// </summary>
internal sealed class HealthAlertPublisher(ProfileHealthMonitor monitor) : IAlertConditionSource
{
    public const string SourceName = "health";

    public string Source => SourceName;

    public IReadOnlyCollection<AlertCondition> Conditions(RegistryState state) =>
        [.. HealthAlertConditions.From(monitor.Evaluate(state)).Where(c => c.Firing).Select(Map)];

    internal static AlertCondition Map(HealthAlertCondition c) =>
        new($"{AlertKinds.NoUsableAuth}/{c.Key}", AlertKinds.NoUsableAuth, AlertSeverity.Critical, c.Text)
        {
            ResolvedText = c.ResolvedText,
        };
}
