namespace CredWatch.Alerts.Model;

/// <summary>How urgent an alert is; shown as a marker in the message.</summary>
public enum AlertSeverity
{
    Info = 0,
    Warning = 1,
    Critical = 2,
}
