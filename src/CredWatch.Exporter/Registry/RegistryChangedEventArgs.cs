using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Registry;

/// <summary>Raised after each publish; <see cref="ChangedStores"/> lists stores whose content or error changed.</summary>
internal sealed class RegistryChangedEventArgs(RegistryState state, IReadOnlyList<StoreId> changedStores) : EventArgs
{
    public RegistryState State { get; } = state;

    public IReadOnlyList<StoreId> ChangedStores { get; } = changedStores;
}
