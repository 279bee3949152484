namespace CredWatch.Exporter.Resync;

/// <summary>One daemon resync pass: IO-free, secret-free outcomes.</summary>
internal sealed class ResyncPassEventArgs(SyncReport report) : EventArgs
{
    public SyncReport Report { get; } = report;
}
