namespace CredWatch.LogTail.Signals;

/// <summary>Receives every counted signal once (after de-duplication). Register any number in DI.</summary>
public interface ILogSignalSink
{
    /// <summary>Called on the tailer's thread; must not block for long or throw (exceptions are logged and swallowed).</summary>
    void OnSignal(LogSignal signal);
}
