namespace CredWatch.Exporter.Resync;

/// <summary>newest-wins input: one copy of a lineage core has proven to be a single login.</summary>
/// <param name="AgentId">Agent id, or the CLI store label (<c>claude-cli</c>/<c>codex-cli</c>) for a CLI store.</param>
internal sealed record LineageMember(
    string AgentId,
    string ProfileId,
    string ProfileDisplayId,
    string Provider,
    TargetLayout Layout,
    string StorePath,
    ResyncCopy Copy,
    bool IsFenced,
    bool IsBlanked);
