namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Where new and resolved undelivered results go (the alerts capability; the host registers it).
/// Each result is published once: after a call returns without throwing, its ids are recorded in the
/// state dir and never published again, also across restarts. A throw means "try again next pass".
/// </summary>
internal interface ITaskResultSink
{
    Task PublishAsync(IReadOnlyList<UndeliveredResult> fired, IReadOnlyList<ResolvedTaskResult> resolved, CancellationToken cancellationToken);
}
