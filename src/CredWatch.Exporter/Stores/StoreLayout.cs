namespace CredWatch.Exporter.Stores;

/// <summary>The on-disk layout a store was found in (docs/openclaw-observed.md).</summary>
internal enum StoreLayout
{
    /// <summary>Nothing readable was found, or the layout is not understood (see the error).</summary>
    Unknown = 0,

    /// <summary>Claude Code <c>.credentials.json</c>.</summary>
    ClaudeCredentials,

    /// <summary>Codex CLI <c>auth.json</c>.</summary>
    CodexAuth,

    /// <summary>MiniMax CLI <c>~/.minimax/oauth_creds.json</c> (<c>access_token</c>, <c>refresh_token</c>, <c>expiry_date</c> ms).</summary>
    MiniMaxOAuthCreds,

    /// <summary>Gemini CLI <c>~/.gemini/oauth_creds.json</c> (the same fields plus an <c>id_token</c>).</summary>
    GeminiOAuthCreds,

    /// <summary>OpenClaw ≤ 2026.4.6: <c>auth-profiles.json</c> v1 holding profiles and usage state.</summary>
    OpenClawJsonV1,

    /// <summary>OpenClaw 2026.4.7–5.x: <c>auth-profiles.json</c> + <c>auth-state.json</c>.</summary>
    OpenClawJsonWithState,

    /// <summary>OpenClaw ≥ 2026.6: per-agent <c>openclaw-agent.sqlite</c>.</summary>
    OpenClawAgentSqlite,

    /// <summary>OpenClaw ≥ 2026.8 shared store in the state database, schema 7–12: tables <c>auth_profile_stores</c>/<c>auth_profile_state</c>.</summary>
    OpenClawStateDbTables,

    /// <summary>OpenClaw shared store in the state database, schema ≥ 13: <c>config_machine_state</c> rows <c>authProfiles.*</c>.</summary>
    OpenClawStateDbRows,
}
