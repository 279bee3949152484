namespace CredWatch.Exporter.Resync;

/// <summary>Why a copy is known to be the same login as its source; None means it must not be touched.</summary>
internal enum ResyncProof
{
    None,

    /// <summary><c>anthropic:claude-cli</c>, or <c>openai-codex:default</c> managed by codex-cli.</summary>
    CliImportProfile,

    /// <summary>The copy's refresh token is one the source held before (remembered keyed fingerprints).</summary>
    PriorSourceRefresh,

    /// <summary>Account id or e-mail of the copy equals the source's.</summary>
    AccountMatch,

    /// <summary>The operator mapped this agent/profile to the source in config.</summary>
    OperatorMapping,

    /// <summary>newest-wins: core proved both copies belong to one lineage.</summary>
    Lineage,
}
