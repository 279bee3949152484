namespace CredWatch.Alerts.Delivery;

/// <summary>Result of one sendMessage attempt, already classified. <see cref="Detail"/> is sanitised.</summary>
internal sealed record SendOutcome(bool Success, string? Reason, bool Permanent, TimeSpan? RetryAfter, string Detail)
{
    public static SendOutcome Ok { get; } = new(true, null, false, null, "ok");
}
