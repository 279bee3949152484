namespace CredWatch.Alerts;

/// <summary>Bound from <c>CredWatch:Alerts</c>. Durations accept "00:00:02" TimeSpan syntax.</summary>
public sealed class AlertsOptions
{
    public const string SectionName = "CredWatch:Alerts";

    /// <summary>
    /// The alert path switch: true (a single host) = CredWatch sends its own Telegram messages; false (a fleet) =
    /// Prometheus + Alertmanager send the deduplicated stream and CredWatch only tracks what fires (status, metrics).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>CredWatch's own state dir (the host sets its default). The outbox lives in <c>alerts/</c> below it.</summary>
    public string? StateDir { get; set; }

    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Alerts for one target arriving within this window go out as one message.</summary>
    public TimeSpan GroupingWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a delivered event key is remembered (idempotency across restarts).</summary>
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan PerChatInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int GroupMessagesPerMinute { get; set; } = 20;

    public int GlobalMessagesPerSecond { get; set; } = 30;

    /// <summary>Bound on queued messages; the oldest undelivered are dropped (counted) beyond it.</summary>
    public int MaxOutboxMessages { get; set; } = 1000;
}
