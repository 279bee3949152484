namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Instrument names of the task ledger (scraped names in comments). Kept here because the Tasks
/// folder is this component's; the core may move them into Metrics/MetricNames.cs verbatim.
/// </summary>
internal static class TaskMetricNames
{
    public const string MeterName = "CredWatch.Exporter";

    /// <summary>credwatch_task_results_undelivered{runtime,reason}.</summary>
    public const string ResultsUndelivered = "credwatch.task.results.undelivered";

    /// <summary>credwatch_task_results_lost_total{runtime,reason}.</summary>
    public const string ResultsLost = "credwatch.task.results.lost";

    /// <summary>credwatch_task_oldest_undelivered_age_seconds.</summary>
    public const string OldestUndeliveredAge = "credwatch.task.oldest.undelivered.age";

    /// <summary>credwatch_tasks{runtime,status}.</summary>
    public const string Tasks = "credwatch.tasks";

    /// <summary>credwatch_delivery_queue_failed{channel}.</summary>
    public const string DeliveryQueueFailed = "credwatch.delivery.queue.failed";
}
