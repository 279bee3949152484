namespace CredWatch.Exporter.Tasks;

/// <summary>A previously alerted result that is now delivered, dismissed or gone from the ledger.</summary>
/// <param name="TaskId">The task id the alert was about.</param>
/// <param name="Runtime">Runtime label.</param>
/// <param name="ResolvedAt">When CredWatch saw it resolve.</param>
internal sealed record ResolvedTaskResult(string TaskId, string Runtime, DateTimeOffset ResolvedAt);
