namespace CredWatch.Exporter.Comparison;

/// <summary>Why CredWatch believes a copy and its source are (or are not) the same login.</summary>
internal enum ProofKind
{
    /// <summary>No evidence: the copy is <c>unrelated</c>.</summary>
    None = 0,

    /// <summary>Copy and source hold the same refresh token right now.</summary>
    SameRefreshToken,

    /// <summary>The source (or the copy) held the other's current refresh token earlier (persisted fingerprint history): conclusive.</summary>
    RefreshTokenHistory,

    /// <summary>OpenClaw profile <c>anthropic:claude-cli</c> / provider <c>claude-cli</c>: imported from the Claude CLI by construction.</summary>
    ClaudeCliProfile,

    /// <summary>Codex profile marked <c>managedBy: codex-cli</c>.</summary>
    ManagedByCodexCli,

    /// <summary>The copy's <c>accountId</c> equals the source's account id.</summary>
    AccountId,

    /// <summary>The copy's <c>email</c> equals the source's account e-mail.</summary>
    Email,

    /// <summary>OpenClaw profile <c>minimax-portal:minimax-cli</c>: its copy of the MiniMax CLI login (external CLI sync).</summary>
    ExternalCliProfile,
}
