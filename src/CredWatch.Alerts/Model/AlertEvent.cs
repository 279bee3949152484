namespace CredWatch.Alerts.Model;

/// <summary>
/// A one-shot alert (a lost subagent result, one refresh failure). <see cref="Key"/> is the idempotency
/// key: the same key raised again (also after a restart) is delivered once.
/// </summary>
public sealed record AlertEvent(string Key, string Kind, AlertSeverity Severity, string Text)
{
    public AlertRoute Route { get; init; } = AlertRoute.Default;
}
