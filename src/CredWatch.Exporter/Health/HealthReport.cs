namespace CredWatch.Exporter.Health;

/// <summary>The evaluator's output for one registry state at one instant; immutable, secret-free.</summary>
/// <param name="EvaluatedAt">The "now" used.</param>
/// <param name="Generation">Registry generation it was computed from.</param>
/// <param name="Stored">Per-store profile usage (per-profile metrics).</param>
/// <param name="Agents">Per-agent usability.</param>
/// <param name="Smells">Config smells.</param>
/// <param name="ValidUntil">
/// The first instant after <paramref name="EvaluatedAt"/> at which the same registry state may evaluate differently
/// (a cooldown, block or disable ends, an access token expires, the UTC day its texts are relative to ends).
/// </param>
internal sealed record HealthReport(
    DateTimeOffset EvaluatedAt,
    long Generation,
    IReadOnlyList<StoredProfileUsage> Stored,
    IReadOnlyList<AgentHealth> Agents,
    IReadOnlyList<ConfigSmell> Smells,
    DateTimeOffset ValidUntil)
{
    public static HealthReport Empty { get; } = new(DateTimeOffset.MinValue, -1, [], [], [], DateTimeOffset.MinValue);
}
