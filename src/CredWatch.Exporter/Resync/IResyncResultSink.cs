namespace CredWatch.Exporter.Resync;

/// <summary>
/// Receives every daemon resync pass that did something (repairs, failures, first-time refusals): the hook
/// for the alerts channel. Register any number in DI; called on the resync loop, must be quick, may throw
/// (logged, never stops resync).
/// </summary>
internal interface IResyncResultSink
{
    void OnResyncCompleted(SyncReport report);
}
