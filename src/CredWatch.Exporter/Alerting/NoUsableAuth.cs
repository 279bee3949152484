namespace CredWatch.Exporter.Alerting;

/// <summary>An agent whose every profile for a provider is unusable (from Health/). Display ids only.</summary>
internal sealed record NoUsableAuth(string AgentId, string? Provider, string Detail, string? RepairCommand);
