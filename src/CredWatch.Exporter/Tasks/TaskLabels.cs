namespace CredWatch.Exporter.Tasks;

/// <summary>
/// The bounded label vocabularies of the ledger metrics. Values outside OpenClaw's known sets map to
/// <c>other</c> so a newer release can never blow up series cardinality.
/// </summary>
internal static class TaskLabels
{
    public const string Store = "openclaw-tasks";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> Runtimes = ["subagent", "acp", "cron", "cli", Other];

    public static readonly IReadOnlyList<string> Statuses =
        ["queued", "running", "succeeded", "failed", "timed_out", "cancelled", "lost", Other];

    public static readonly IReadOnlyList<string> DeliveryStatuses =
        ["pending", "delivered", "session_queued", "failed", "dismissed", "parent_missing", "not_applicable", Other];

    public static readonly IReadOnlyList<UndeliveredReason> Reasons = Enum.GetValues<UndeliveredReason>();

    /// <summary>Reasons that mean the result is gone unless someone acts (counted once in the lost counter).</summary>
    public static bool IsCounted(UndeliveredReason reason) => reason is not (UndeliveredReason.AtRisk or UndeliveredReason.StaleRunning);

    /// <summary>Reasons that make <c>credwatch check</c> exit 2 rather than 1.</summary>
    public static bool IsCritical(UndeliveredReason reason) => reason is UndeliveredReason.Lost or UndeliveredReason.ParentMissing;

    public static string ToLabel(this UndeliveredReason reason) => reason switch
    {
        UndeliveredReason.DeliveryFailed => "delivery_failed",
        UndeliveredReason.ParentMissing => "parent_missing",
        UndeliveredReason.AtRisk => "at_risk",
        UndeliveredReason.Blocked => "blocked",
        UndeliveredReason.Lost => "lost",
        UndeliveredReason.StuckPending => "stuck_pending",
        UndeliveredReason.StaleRunning => "stale_running",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static string Runtime(string? value) => Bound(value, Runtimes);

    public static string Status(string? value) => Bound(value, Statuses);

    public static string Delivery(string? value) => Bound(value, DeliveryStatuses);

    public static bool IsTerminal(string status) => status is "succeeded" or "failed" or "timed_out" or "cancelled" or "lost";

    /// <summary>A channel name from the delivery queue, reduced to a safe bounded label.</summary>
    public static string Channel(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "unknown";
        }

        var v = value.Trim().ToLowerInvariant();
        return v.Length <= 32 && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? v : Other;
    }

    private static string Bound(string? value, IReadOnlyList<string> known) =>
        known.FirstOrDefault(k => string.Equals(k, value, StringComparison.Ordinal)) ?? Other;
}
