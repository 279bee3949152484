namespace CredWatch.Exporter.Stores;

/// <summary>The on-disk layout a store was found in (formats.md §1–§3b).</summary>
internal enum StoreLayout
{
    /// <summary>Nothing readable was found, or the layout is not understood (see the error).</summary>
    Unknown = 0,

    /// <summary>Claude Code <c>.credentials.json</c>.</summary>
    ClaudeCredentials,

    /// <summary>Codex CLI <c>auth.json</c>.</summary>
    CodexAuth,

    /// <summary>OpenClaw ≤ 2026.4.6: <c>auth-profiles.json</c> v1 holding profiles and usage state.</summary>
    OpenClawJsonV1,

    /// <summary>OpenClaw 2026.4.7–5.x: <c>auth-profiles.json</c> + <c>auth-state.json</c>.</summary>
    OpenClawJsonWithState,

    /// <summary>OpenClaw ≥ 2026.6: per-agent <c>openclaw-agent.sqlite</c>.</summary>
    OpenClawAgentSqlite,
}
