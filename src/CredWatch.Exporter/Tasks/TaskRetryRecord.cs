namespace CredWatch.Exporter.Tasks;

/// <summary>One <c>openclaw tasks retry</c> CredWatch ran: when (ms), the outcome label and OpenClaw's bounded answer.</summary>
internal sealed record TaskRetryRecord(long At, string Outcome, string? Detail);
