using System.Collections.Concurrent;
using CredWatch.LogTail.Signals;

namespace CredWatch.LogTail.Tests;

internal sealed class CollectingSink : ILogSignalSink
{
    public ConcurrentQueue<LogSignal> Signals { get; } = new();

    public void OnSignal(LogSignal signal) => Signals.Enqueue(signal);

    public int Count(string signal, string? provider = null) =>
        Signals.Count(s => s.Signal == signal && (provider is null || s.Provider == provider));
}
