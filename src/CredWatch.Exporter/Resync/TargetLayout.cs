namespace CredWatch.Exporter.Resync;

/// <summary>How a resync target is written, by the layout of its store.</summary>
internal enum TargetLayout
{
    /// <summary><c>auth-profiles.json</c> (OpenClaw ≤ 2026.5): written under OpenClaw's lock.</summary>
    AuthProfilesJson,

    /// <summary>Per-agent <c>openclaw-agent.sqlite</c>, row <c>auth_profile_store.primary</c>.</summary>
    AgentSqlite,

    /// <summary>Shared store in the state database: gateway-owned, never written by CredWatch.</summary>
    SharedSqlite,

    /// <summary>A CLI's own store (Claude <c>.credentials.json</c>, Codex <c>auth.json</c>): target only in newest-wins with opt-in.</summary>
    CliStore,

    Unknown,
}
