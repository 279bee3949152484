using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tasks;

namespace CredWatch.Exporter.Hosting;

/// <summary>
/// The task ledger's login join, read from the registry's latest comparisons: the requester agent's
/// anthropic / openai OAuth login (its own store first, else the shared store). A broken login wins
/// over a healthy one so the undelivered result names the real cause.
/// </summary>
internal sealed class RegistryAgentLoginStateSource(StoreRegistry registry) : IAgentLoginStateSource
{
    private static readonly HashSet<string> Providers = new(StringComparer.Ordinal) { "anthropic", "openai", "openai-codex" };

    private static readonly HashSet<string> BrokenStates = new(StringComparer.Ordinal)
    {
        TokenStates.ReloginRequired, TokenStates.Stale, TokenStates.Expired, TokenStates.Blanked,
    };

    public AgentLoginState? Get(string agentId)
    {
        var comparisons = registry.Current.Comparisons;
        var own = comparisons.Where(c => c.Store.Store == StoreLabels.OpenClaw && c.Store.Agent == agentId && Providers.Contains(c.Provider)).ToList();
        var candidates = own.Count > 0
            ? own
            : [.. comparisons.Where(c => c.Store.Store == StoreLabels.OpenClawShared && Providers.Contains(c.Provider))];
        if (candidates.Count == 0)
        {
            return null;
        }

        var pick = candidates.FirstOrDefault(c => BrokenStates.Contains(c.State)) ?? candidates[0];

        // The raw profile id: it goes into the re-login command the operator runs (`--profile-id`).
        return new AgentLoginState(agentId, pick.Provider, pick.ProfileId, pick.State, BrokenStates.Contains(pick.State));
    }
}
