namespace CredWatch.Alerts.Model;

/// <summary>One accepted alert notification waiting in the outbox for its target's grouping window.</summary>
internal sealed record AlertNotification
{
    public required string Id { get; init; }

    public required string AlertKey { get; init; }

    public required string Kind { get; init; }

    public required AlertSeverity Severity { get; init; }

    public required NotificationPhase Phase { get; init; }

    public required string Text { get; init; }

    public required DeliveryTarget Target { get; init; }

    /// <summary>The button to show with it (firing and repeat notifications sent by the command bot).</summary>
    public AlertAction? Action { get; init; }

    /// <summary>Sent by the command bot: the gateway account that takes over if the command bot cannot post there.</summary>
    public string? FallbackAccountId { get; init; }

    public required DateTimeOffset AcceptedAt { get; init; }
}
