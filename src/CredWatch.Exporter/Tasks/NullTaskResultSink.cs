namespace CredWatch.Exporter.Tasks;

/// <summary>Used until the host wires the alerts capability: accepts everything, sends nothing.</summary>
internal sealed class NullTaskResultSink : ITaskResultSink
{
    public Task PublishAsync(IReadOnlyList<UndeliveredResult> fired, IReadOnlyList<ResolvedTaskResult> resolved, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
