using System.Collections.Concurrent;
using CredWatch.Exporter.Tasks;

namespace CredWatch.Exporter.Tests.Tasks;

internal sealed class RecordingSink : ITaskResultSink
{
    public ConcurrentQueue<UndeliveredResult> Fired { get; } = new();

    public ConcurrentQueue<ResolvedTaskResult> Resolved { get; } = new();

    public bool Fail { get; set; }

    public Task PublishAsync(IReadOnlyList<UndeliveredResult> fired, IReadOnlyList<ResolvedTaskResult> resolved, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new InvalidOperationException("alerts down");
        }

        foreach (var f in fired)
        {
            Fired.Enqueue(f);
        }

        foreach (var r in resolved)
        {
            Resolved.Enqueue(r);
        }

        return Task.CompletedTask;
    }
}
