namespace CredWatch.Exporter.AlertMapping;

/// <summary>One (agent, profile) outcome of a resync run as alerts see it: display ids only, no secrets.</summary>
internal sealed record ResyncAlertItem(string AgentId, string ProfileDisplayId, string Provider, ResyncAlertResult Result, string? Reason, string Detail, string? RepairCommand);
