namespace CredWatch.Alerts.Model;

/// <summary>
/// A level-triggered alert: it holds while its source keeps publishing it. <see cref="Key"/> is stable
/// for the same problem (e.g. <c>stale_copy/main/anthropic/acct-1a2b3c4d</c>) and never holds a secret.
/// <see cref="Text"/> is plain text (escaped by the formatter): what broke, which agent, what to run.
/// </summary>
public sealed record AlertCondition(string Key, string Kind, AlertSeverity Severity, string Text)
{
    public AlertRoute Route { get; init; } = AlertRoute.Default;

    /// <summary>Optional plain-text line for the "resolved" message; default "resolved: &lt;first line of Text&gt;".</summary>
    public string? ResolvedText { get; init; }

    /// <summary>A button for the alert while it fires (with a command bot only; otherwise the text's command is the way).</summary>
    public AlertAction? Action { get; init; }
}
