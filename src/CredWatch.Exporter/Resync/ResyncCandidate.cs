namespace CredWatch.Exporter.Resync;

/// <summary>
/// One (agent, profile) copy and its source, as core's snapshot + comparison will fill it. This is the
/// whole input of the decision rules; the executor needs nothing else but the source reader.
/// </summary>
/// <param name="AgentId">OpenClaw agent id; for a CLI-store target (newest-wins) the store label.</param>
/// <param name="ProfileId">Profile id exactly as stored (used to patch; printed only on the operator's terminal).</param>
/// <param name="ProfileDisplayId">Profile id with e-mails keyed (<c>acct-xxxxxxxx</c>): what logs, metrics and alerts show.</param>
/// <param name="Provider">Normalised provider: <c>anthropic</c> or <c>openai-codex</c>.</param>
/// <param name="StorePath">The <c>auth-profiles.json</c> path, or the <c>openclaw-agent.sqlite</c> path.</param>
/// <param name="OperatorMapped">Config maps this agent/profile to this source explicitly.</param>
/// <param name="SameLineage">newest-wins only: core proved copy and source are one lineage.</param>
internal sealed record ResyncCandidate(
    string AgentId,
    string ProfileId,
    string ProfileDisplayId,
    string Provider,
    TargetLayout Layout,
    string StorePath,
    CopyRelation Relation,
    ResyncCopy Copy,
    ResyncSource Source,
    bool OperatorMapped = false,
    bool SameLineage = false);
