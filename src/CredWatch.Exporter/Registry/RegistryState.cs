using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Registry;

/// <summary>An immutable view of everything CredWatch knows about the stores; swap-published by <see cref="StoreRegistry"/>.</summary>
/// <param name="Stores">Every known store, keyed by id.</param>
/// <param name="Comparisons">One result per OAuth credential (copies and sources).</param>
/// <param name="Ready">True after the first full scan.</param>
/// <param name="LastScanAt">When the last scan finished.</param>
/// <param name="Generation">Increments on every publish.</param>
/// <param name="OpenClawStateDir">The OpenClaw state dir discovery chose.</param>
internal sealed record RegistryState(
    IReadOnlyDictionary<StoreId, StoreEntry> Stores,
    IReadOnlyList<ComparisonResult> Comparisons,
    bool Ready,
    DateTimeOffset? LastScanAt,
    long Generation,
    string? OpenClawStateDir)
{
    public static RegistryState Empty { get; } = new(new Dictionary<StoreId, StoreEntry>(), [], false, null, 0, null);
}
