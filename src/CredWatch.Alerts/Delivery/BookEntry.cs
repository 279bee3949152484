using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Delivery;

/// <summary>A firing level-triggered condition, persisted so a restart neither re-fires nor forgets it.</summary>
internal sealed class BookEntry
{
    public required string Source { get; init; }

    public required string Key { get; init; }

    public required string Kind { get; set; }

    public required AlertSeverity Severity { get; set; }

    public required string Text { get; set; }

    public string? ResolvedText { get; set; }

    public required AlertRoute Route { get; set; }

    public AlertAction? Action { get; set; }

    public required DateTimeOffset FiredAt { get; init; }

    public required DateTimeOffset LastNotifiedAt { get; set; }

    public int Sequence { get; set; }
}
