using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Registry;

/// <summary>
/// Holds the latest snapshot of every store, change timestamps, error counts and comparisons.
/// Readers of <see cref="Current"/> (metrics callbacks, HTTP) never block; <see cref="Changed"/> lets other
/// components (alerts, resync, health) react to changes. Thread-safe.
/// </summary>
internal sealed class StoreRegistry(TokenComparer comparer, FingerprintHistory history, TimeProvider time)
{
    private readonly Lock _gate = new();
    private RegistryState _state = RegistryState.Empty;

    /// <summary>Raised after a scan is applied (on the scanning thread; handlers must be quick and must not throw).</summary>
    public event EventHandler<RegistryChangedEventArgs>? Changed;

    /// <summary>The latest published state.</summary>
    public RegistryState Current => Volatile.Read(ref _state);

    /// <summary>The fingerprint history used for comparisons (Resync records the tokens it writes here).</summary>
    public FingerprintHistory History => history;

    /// <summary>
    /// Applies a full scan: stores not in it are dropped; comparisons are recomputed. A store that is not there is
    /// <see cref="StoreSnapshot.Absent"/> (not an error, not counted) unless it was configured, was present before,
    /// or is the source of truth of copies some OpenClaw store holds.
    /// </summary>
    public RegistryChangedEventArgs Apply(IReadOnlyList<StoreSnapshot> scan, string? openClawStateDir)
    {
        RegistryChangedEventArgs args;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var previous = _state.Stores;
            var next = new Dictionary<StoreId, StoreEntry>();
            var changed = new List<StoreId>();
            var copied = comparer.SourcesWithCopies(scan, history);
            foreach (var found in scan)
            {
                previous.TryGetValue(found.Id, out var old);
                var everPresent = (old?.EverPresent ?? false) || found.Present;
                var snap = found.Present || found.Explicit || everPresent || (found.Id.Agent is null && copied.Contains(found.Id.Store))
                    ? found
                    : found with { Absent = true };
                var counts = StoreErrorReasons.All.ToDictionary(r => r, r => old?.ErrorCounts.GetValueOrDefault(r) ?? 0, StringComparer.Ordinal);

                var failing = snap.Error is not null && !snap.Absent;
                if (failing)
                {
                    counts[snap.Error!.Reason] = counts.GetValueOrDefault(snap.Error.Reason) + 1;
                }

                var contentChanged = old is null || old.Snapshot.ContentVersion != snap.ContentVersion || old.Snapshot.Absent != snap.Absent;
                if (contentChanged)
                {
                    changed.Add(snap.Id);
                }

                next[snap.Id] = new StoreEntry(snap, contentChanged ? now : old!.LastChangeAt, counts)
                {
                    EverPresent = everPresent,
                    FailedScans = failing ? (old?.FailedScans ?? 0) + 1 : 0,
                    FailingSince = failing ? old?.FailingSince ?? now : null,
                };
            }

            changed.AddRange(previous.Keys.Where(k => !next.ContainsKey(k)));
            var comparisons = comparer.Compare(next.Values.Select(e => e.Snapshot), history, now);
            _state = new RegistryState(next, comparisons, true, now, _state.Generation + 1, openClawStateDir ?? _state.OpenClawStateDir);
            args = new RegistryChangedEventArgs(_state, changed);
        }

        Changed?.Invoke(this, args);
        return args;
    }
}
