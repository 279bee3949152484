namespace CredWatch.Exporter.Tasks;

/// <summary>What CredWatch remembers about one task id across restarts (no task text).</summary>
internal sealed class CountedTaskEntry
{
    public string Runtime { get; set; } = TaskLabels.Other;

    /// <summary>Reason label under which it was counted in credwatch_task_results_lost_total (null: not counted yet).</summary>
    public string? CountedReason { get; set; }

    public long? CountedAt { get; set; }

    public long? AlertedAt { get; set; }

    public long? ResolvedAt { get; set; }

    /// <summary>The requester agent's login as first seen with the failure: the cause "at the time".</summary>
    public AgentLoginState? Login { get; set; }
}
