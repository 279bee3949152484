using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Delivery;

/// <summary>Everything the alert pipeline must survive a restart with, written atomically as one file.</summary>
internal sealed class OutboxState
{
    public int Version { get; set; } = 1;

    public List<AlertNotification> Pending { get; set; } = [];

    public List<OutboxMessage> Messages { get; set; } = [];

    /// <summary>Notification ids delivered (or composed), with when: idempotency across restarts.</summary>
    public Dictionary<string, DateTimeOffset> Seen { get; set; } = [];

    /// <summary>Firing conditions keyed by "source\u001fkey".</summary>
    public Dictionary<string, BookEntry> Firing { get; set; } = [];
}
