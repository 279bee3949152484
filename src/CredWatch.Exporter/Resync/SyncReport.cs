namespace CredWatch.Exporter.Resync;

/// <summary>Every outcome of one sync run, in a stable order (agent, profile).</summary>
internal sealed record SyncReport(bool DryRun, IReadOnlyList<ResyncOutcome> Outcomes)
{
    public bool AnyFailed => Outcomes.Any(o => o.Action == ResyncAction.Failed);
}
