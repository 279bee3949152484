namespace CredWatch.Exporter.Stores;

/// <summary>Values of the <c>auth.sharedStore</c> row's <c>location</c> (state database, <c>config_machine_state</c>).</summary>
internal static class SharedStoreLocations
{
    /// <summary>Row absent or <c>legacy-main</c>: the main agent's <c>primary</c> store is the shared one.</summary>
    public const string LegacyMain = "legacy-main";

    /// <summary>The state database holds the shared store.</summary>
    public const string StateDb = "state-db";
}
