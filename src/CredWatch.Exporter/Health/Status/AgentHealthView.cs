namespace CredWatch.Exporter.Health.Status;

/// <summary>One agent: which providers it can use and, if none, why and until when.</summary>
internal sealed record AgentHealthView(
    string Agent,
    bool Known,
    string? UnknownReason,
    string? InheritsFrom,
    bool Ignored,
    int UsableProviders,
    bool NoUsableAuth,
    DateTimeOffset? NextCooldownEnd,
    string? Summary,
    IReadOnlyList<ProviderHealthView> Providers);
