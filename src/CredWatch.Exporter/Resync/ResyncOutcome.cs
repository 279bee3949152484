namespace CredWatch.Exporter.Resync;

/// <summary>
/// What happened to one (agent, profile): data for the CLI, metrics, logs and the alerts channel.
/// No secrets: ids are as given by core, the detail strings never carry tokens or fingerprints.
/// </summary>
/// <param name="RepairCommand">For refusals an operator can fix by hand (SQLite layouts): the OpenClaw command.</param>
internal sealed record ResyncOutcome(
    string AgentId,
    string ProfileId,
    string ProfileDisplayId,
    string Provider,
    ResyncAction Action,
    string? Reason,
    string Detail,
    ResyncProof Proof = ResyncProof.None,
    string? BackupPath = null,
    string? RepairCommand = null);
