namespace CredWatch.Exporter.Health;

/// <summary>Turns the latest report into alert conditions: one per known, non-ignored agent (firing or not).</summary>
internal sealed class HealthAlertConditions(ProfileHealthMonitor monitor)
{
    /// <summary>Every condition now (non-firing ones included so an alert book can resolve them).</summary>
    public IReadOnlyList<HealthAlertCondition> Current() => From(monitor.Current);

    public static IReadOnlyList<HealthAlertCondition> From(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Agents
            .Where(a => a.Known && !a.Ignored)
            .Select(a => new HealthAlertCondition(
                HealthAlertCondition.NoUsableAuth,
                a.Agent,
                a.NoUsableAuth,
                a.NoUsableAuth ? HealthText.NoUsableAuth(a, report.EvaluatedAt) : string.Empty,
                HealthText.Recovered(a)))];
    }
}
