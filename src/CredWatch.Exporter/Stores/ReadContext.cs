using CredWatch.Exporter.Configuration;

namespace CredWatch.Exporter.Stores;

/// <summary>What every reader needs: the keyed fingerprinter, read limits and the clock.</summary>
internal sealed record ReadContext(Fingerprinter Fingerprinter, ScanOptions Scan, TimeProvider Time)
{
    public StoreSnapshot Failed(StoreId id, string path, StoreLayout layout, StoreError error, int? schema = null) =>
        new(id, path, layout, error, schema, [], UsageState.Empty, null, null, Time.GetUtcNow(), "error:" + error.Reason + ":" + error.Detail);
}
