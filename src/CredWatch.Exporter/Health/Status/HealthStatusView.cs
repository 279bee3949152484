namespace CredWatch.Exporter.Health.Status;

/// <summary>The <c>health</c> section of <c>/api/status</c>.</summary>
internal sealed record HealthStatusView(
    DateTimeOffset EvaluatedAt,
    IReadOnlyList<AgentHealthView> Agents,
    IReadOnlyList<StoredProfileUsageView> Profiles,
    IReadOnlyList<ConfigSmellView> ConfigSmells);
