namespace CredWatch.Alerts;

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

    public required DateTimeOffset AcceptedAt { get; init; }
}
