namespace CredWatch.Exporter.Tasks;

/// <summary>How an alerted undelivered result ended, as the ledger shows it.</summary>
internal enum TaskOutcome
{
    /// <summary>The ledger says the result reached its requester (OpenClaw's own retry, or a retry).</summary>
    Delivered,

    /// <summary>Someone chose not to deliver it (<c>openclaw tasks dismiss</c>, silenced, no longer applicable).</summary>
    Dismissed,

    /// <summary>It will never be delivered: the task left the ledger undelivered (OpenClaw's retention ended).</summary>
    Expired,
}
