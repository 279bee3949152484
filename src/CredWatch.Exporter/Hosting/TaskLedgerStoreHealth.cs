using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Tasks;

namespace CredWatch.Exporter.Hosting;

/// <summary><c>credwatch_store_up{store="openclaw-tasks"}</c>, its presence and error counter, from the ledger monitor's latest pass.</summary>
internal sealed class TaskLedgerStoreHealth(TaskLedgerMonitor monitor) : IStoreHealthSource
{
    private static readonly string[] Reasons = [LedgerReasons.NotFound, LedgerReasons.NotApplicable, "unsupported_layout", "busy", "corrupt_db", "permission_denied", "read_failed"];

    public string Store => TaskLabels.Store;

    public bool? Up => monitor.Current.LastPassAt is null || monitor.Current.Absent ? null : monitor.Current.Up;

    public bool? Present => monitor.Current.LastPassAt is null ? null : !LedgerReasons.MeansNoLedger(monitor.Current.Reason);

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
