namespace CredWatch.Exporter.Tasks;

/// <summary>Runs one retry of a blocked completion (the real host: <c>openclaw tasks retry &lt;id&gt;</c>).</summary>
internal interface ITaskRetrier
{
    /// <summary>What runs the retries; null when there is nothing to run (automatic retry unavailable).</summary>
    string? Executable { get; }

    /// <summary>One attempt: an outcome label of <see cref="TaskRetryOutcomes"/> and OpenClaw's bounded answer.</summary>
    Task<(string Outcome, string? Detail)> RetryAsync(string taskId, CancellationToken cancellationToken);
}
