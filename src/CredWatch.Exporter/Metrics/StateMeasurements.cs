using System.Diagnostics.Metrics;
using CredWatch.Exporter.Registry;

namespace CredWatch.Exporter.Metrics;

/// <summary>
/// The measurements of one observable instrument, built once per published <see cref="RegistryState"/> and
/// handed out as the same array on every collection until the registry publishes again. With 1,000 agents the
/// one-hot state and per-reason error series are ~21,000 measurements; rebuilding them (and their tag arrays)
/// on every scrape was most of the callbacks' cost and garbage.
/// </summary>
/// <typeparam name="T">Measurement value type.</typeparam>
internal sealed class StateMeasurements<T>(StoreRegistry registry, Func<RegistryState, IEnumerable<Measurement<T>>> build)
    where T : struct
{
    private Built? _built;

    /// <summary>The measurements for the registry's current state (rebuilt only when the state changed).</summary>
    public IEnumerable<Measurement<T>> Get()
    {
        var current = registry.Current;
        var built = Volatile.Read(ref _built);
        if (built is null || !ReferenceEquals(built.State, current))
        {
            // Two concurrent collections may both build: harmless, both results are equal.
            built = new Built(current, [.. build(current)]);
            Volatile.Write(ref _built, built);
        }

        return built.Items;
    }

    private sealed record Built(RegistryState State, Measurement<T>[] Items);
}
