namespace CredWatch.LogTail.Signals;

/// <summary>
/// The most recent counted signals, newest first, for <c>/api/status</c>. Bounded; thread-safe.
/// Events carry identifiers only (run ids, requester chat/topic), never message text.
/// </summary>
public sealed class RecentSignals
{
    private readonly LinkedList<LogSignal> _items = new();
    private readonly Lock _gate = new();

    public RecentSignals(int capacity = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public void Add(LogSignal signal)
    {
        lock (_gate)
        {
            _items.AddFirst(signal);
            while (_items.Count > Capacity)
            {
                _items.RemoveLast();
            }
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<LogSignal> Snapshot()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }
}
