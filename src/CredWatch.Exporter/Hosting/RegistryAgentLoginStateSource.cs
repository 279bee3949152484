using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tasks;

namespace CredWatch.Exporter.Hosting;

/// <summary>
/// The task ledger's login join, read from the registry's latest comparisons: the requester agent's
/// anthropic / openai OAuth login (its own store first, else the shared store). A broken login wins
/// over a healthy one so the undelivered result names the real cause.
/// </summary>
internal sealed class RegistryAgentLoginStateSource : IAgentLoginStateSource, IDisposable
{
    // The ledger's first pass can run before the stores' first scan; the login "at the time" of a result
    // seen then must not be recorded as unknown (the first alert would name the wrong cause). Get runs on
    // the ledger pass's worker thread, so a bounded wait for the first scan holds up nothing else.
    private static readonly TimeSpan FirstScanWait = TimeSpan.FromSeconds(30);

    private static readonly HashSet<string> Providers = new(StringComparer.Ordinal) { "anthropic", "openai", "openai-codex" };

    private static readonly HashSet<string> BrokenStates = new(StringComparer.Ordinal)
    {
        TokenStates.ReloginRequired, TokenStates.Stale, TokenStates.Expired, TokenStates.Blanked,
    };

    private readonly StoreRegistry _registry;
    private readonly ManualResetEventSlim _ready = new(false);

    public RegistryAgentLoginStateSource(StoreRegistry registry)
    {
        this._registry = registry;
        registry.Changed += OnChanged;
        if (registry.Current.Ready)
        {
            _ready.Set();
        }
    }

    public AgentLoginState? Get(string agentId)
    {
        if (!_registry.Current.Ready)
        {
            _ready.Wait(FirstScanWait);
        }

        var comparisons = _registry.Current.Comparisons;
        var own = comparisons.Where(c => c.Store.Store == StoreLabels.OpenClaw && c.Store.Agent == agentId && Providers.Contains(c.Provider)).ToList();
        var candidates = own.Count > 0
            ? own
            : [.. comparisons.Where(c => c.Store.Store == StoreLabels.OpenClawShared && Providers.Contains(c.Provider))];
        if (candidates.Count == 0)
        {
            return null;
        }

        var pick = candidates.FirstOrDefault(c => BrokenStates.Contains(c.State)) ?? candidates[0];

        // The display id goes into the re-login command shown in /api/status and Telegram: identical to the raw id
        // unless the id holds an e-mail address, which never leaves the process (`credwatch check`, run in the
        // operator's own terminal, prints the full id).
        return new AgentLoginState(agentId, pick.Provider, pick.DisplayId, pick.State, BrokenStates.Contains(pick.State));
    }

    public void Dispose()
    {
        _registry.Changed -= OnChanged;
        _ready.Dispose();
    }

    private void OnChanged(object? sender, RegistryChangedEventArgs e)
    {
        if (e.State.Ready)
        {
            _ready.Set();
        }
    }
}
