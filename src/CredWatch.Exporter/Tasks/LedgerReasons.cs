namespace CredWatch.Exporter.Tasks;

/// <summary>The ledger's reasons for "no ledger to read" (beside the store error reasons busy, corrupt_db, …).</summary>
internal static class LedgerReasons
{
    /// <summary>No state database at the path.</summary>
    public const string NotFound = "not_found";

    /// <summary>A state database without task tables: this release (or a database still being created) has no ledger.</summary>
    public const string NotApplicable = "not_applicable";

    /// <summary>True when the reason means "there is no ledger here" rather than "the ledger cannot be read".</summary>
    public static bool MeansNoLedger(string? reason) => reason is NotFound or NotApplicable;
}
