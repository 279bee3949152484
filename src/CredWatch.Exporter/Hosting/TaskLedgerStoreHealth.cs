using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Tasks;

namespace CredWatch.Exporter.Hosting;

/// <summary><c>credwatch_store_up{store="openclaw-tasks"}</c> and its error counter, from the ledger monitor's latest pass.</summary>
internal sealed class TaskLedgerStoreHealth(TaskLedgerMonitor monitor) : IStoreHealthSource
{
    private static readonly string[] Reasons = ["not_found", "unsupported_layout", "busy", "corrupt_db", "permission_denied", "read_failed"];

    public string Store => TaskLabels.Store;

    public bool? Up => monitor.Current.LastPassAt is null ? null : monitor.Current.Up;

    public IReadOnlyDictionary<string, long> ErrorCounts
    {
        get
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var r in Reasons)
            {
                counts[r] = 0;
            }

            foreach (var (reason, count) in monitor.ErrorCounts)
            {
                counts[reason] = count;
            }

            return counts;
        }
    }
}
