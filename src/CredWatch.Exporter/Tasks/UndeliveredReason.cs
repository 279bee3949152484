namespace CredWatch.Exporter.Tasks;

/// <summary>Why a task result has not reached its requester (the bounded <c>reason</c> label).</summary>
internal enum UndeliveredReason
{
    DeliveryFailed,
    ParentMissing,
    AtRisk,
    Blocked,
    Lost,
    StuckPending,
    StaleRunning,
}
