namespace CredWatch.Exporter.Resync;

/// <summary>Outcome of trying to take OpenClaw's lock: either a held lock or a bounded reason.</summary>
internal sealed record LockAcquisition(OpenClawLock? Lock, string? FailureReason, string? Detail, int TakeOvers)
{
    public bool Acquired => Lock is not null;
}
