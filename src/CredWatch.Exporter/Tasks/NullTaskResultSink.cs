namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Used until the host wires the alerts capability: sends nothing. The monitor recognises it and marks
/// nothing as alerted, so every result is still published once a real sink is registered.
/// </summary>
internal sealed class NullTaskResultSink : ITaskResultSink
{
    public Task PublishAsync(IReadOnlyList<UndeliveredResult> fired, IReadOnlyList<ResolvedTaskResult> resolved, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
