using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Health;

/// <summary>Whether one OpenClaw agent can answer anyone, from the stores alone.</summary>
/// <param name="Agent">Agent id.</param>
/// <param name="Known">False when the agent's own store (or the store it inherits) is unreadable: nothing is claimed.</param>
/// <param name="UnknownReason">Why <see cref="Known"/> is false.</param>
/// <param name="BaseStore">The store it inherits from (main's or the shared store), if any.</param>
/// <param name="Providers">Providers it has profiles for.</param>
/// <param name="Ignored">True when configured in <c>Health:IgnoreAgents</c> (no critical, no alert).</param>
internal sealed record AgentHealth(
    string Agent,
    bool Known,
    string? UnknownReason,
    StoreId? BaseStore,
    IReadOnlyList<ProviderHealth> Providers,
    bool Ignored)
{
    /// <summary>Providers with at least one usable profile.</summary>
    public int UsableProviders => Providers.Count(p => p.UsableProfiles > 0);

    /// <summary>True when it has profiles but none of them is usable: OpenClaw is "silently dead" for this agent.</summary>
    public bool NoUsableAuth => Known && Providers.Count > 0 && UsableProviders == 0;

    /// <summary>Earliest time a blocked provider comes back by itself (a cooldown or disable ending).</summary>
    public DateTimeOffset? NextCooldownEnd => Providers.Where(p => p.UsableProfiles == 0 && p.UsableAgainAt is not null)
        .Select(p => p.UsableAgainAt).Min();
}
