namespace CredWatch.Exporter.Stores;

/// <summary>
/// Joins what the readers found into what OpenClaw really has (docs/openclaw-observed.md):
/// under <c>legacy-main</c> main's SQLite store IS the shared store (reported once, as <c>openclaw-shared</c>);
/// under <c>state-db</c> main has no store of its own (its empty dir is dropped) and a live
/// <c>auth-profiles.json</c> there is a store OpenClaw refuses; archives left by imports are checked for
/// discarded re-sign-ins against the store the import wrote to.
/// </summary>
internal static class OpenClawLayouts
{
    public static IReadOnlyList<StoreSnapshot> Resolve(DiscoveryResult discovery, IReadOnlyList<StoreSnapshot> snapshots, Fingerprinter fingerprinter)
    {
        var list = snapshots.ToList();
        var dirs = discovery.Stores.Where(l => l.Id.Store == StoreLabels.OpenClaw && l.Id.Agent is not null).ToDictionary(l => l.Id.Agent!, l => l.Path, StringComparer.Ordinal);
        var sharedIndex = list.FindIndex(s => s.Id.Store == StoreLabels.OpenClawShared);
        var mainIndex = list.FindIndex(s => s.Id == new StoreId(StoreLabels.OpenClaw, "main"));
        var mainDir = discovery.Stores.FirstOrDefault(l => l.Id.Store == StoreLabels.OpenClawShared)?.MainAgentDir;
        StoreSnapshot? shared = sharedIndex >= 0 ? list[sharedIndex] : null;

        if (shared?.SharedLocation == SharedStoreLocations.LegacyMain)
        {
            if (shared.Layout == StoreLayout.OpenClawAgentSqlite)
            {
                // Main's primary store doubles as the shared store: one store, not two copies of the same tokens.
                RemoveAt(list, ref mainIndex, ref sharedIndex, mainIndex);
            }
            else
            {
                // No SQLite in main: a pre-2026.6 home; main stays an ordinary agent store.
                RemoveAt(list, ref mainIndex, ref sharedIndex, sharedIndex);
                shared = null;
            }
        }
        else if (shared?.SharedLocation == SharedStoreLocations.StateDb && mainIndex >= 0)
        {
            var main = list[mainIndex];
            if (main.Layout is StoreLayout.OpenClawJsonV1 or StoreLayout.OpenClawJsonWithState || main.Error?.Reason is StoreErrorReasons.InvalidJson or StoreErrorReasons.SchemaUnknown)
            {
                list[mainIndex] = main with { MigrationRequiredBy = main.Path };
            }
            else if (main.Error?.Reason == StoreErrorReasons.NotFound)
            {
                RemoveAt(list, ref mainIndex, ref sharedIndex, mainIndex);
            }
        }

        var sharedProfiles = shared is { Up: true } ? shared.Profiles.ToDictionary(p => p.ProfileId, StringComparer.Ordinal) : [];
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            if (s.Id.Store == StoreLabels.OpenClaw && s.Id.Agent is { } agent && s.Up && s.Layout == StoreLayout.OpenClawAgentSqlite && dirs.TryGetValue(agent, out var dir))
            {
                var own = s.Profiles.ToDictionary(p => p.ProfileId, StringComparer.Ordinal);
                var ignored = MigrationArchives.FindIgnored(dir, id => own.GetValueOrDefault(id) ?? sharedProfiles.GetValueOrDefault(id), fingerprinter);
                if (ignored.Count > 0)
                {
                    list[i] = s with { IgnoredResignIns = ignored };
                }
            }
            else if (s.Id.Store == StoreLabels.OpenClawShared && s.Up && mainDir is not null)
            {
                var ignored = MigrationArchives.FindIgnored(mainDir, id => sharedProfiles.GetValueOrDefault(id), fingerprinter);
                if (ignored.Count > 0)
                {
                    list[i] = s with { IgnoredResignIns = ignored };
                }
            }
        }

        return list;
    }

    private static void RemoveAt(List<StoreSnapshot> list, ref int main, ref int shared, int index)
    {
        list.RemoveAt(index);
        main = main == index ? -1 : main > index ? main - 1 : main;
        shared = shared == index ? -1 : shared > index ? shared - 1 : shared;
    }
}
