namespace CredWatch.Exporter.Tasks;

/// <summary>
/// The ledger's rows in <c>cleanup_after</c> order, so a pass that finds rows missing (the row count fell)
/// can ask SQLite about the few rows OpenClaw's sweep removes first (terminal tasks past cleanup_after,
/// oldest first) instead of recounting the whole index. Loaded once per full pass from
/// idx_task_runs_cleanup_after (already sorted); rows re-read later with a new cleanup_after go to a small
/// sorted overlay and their old position is skipped. Only a hint: the caller verifies the counts after
/// removing what it confirmed gone, and recounts when the guess did not explain the difference.
/// </summary>
internal sealed class PruneCandidates
{
    private readonly SortedSet<(long CleanupAfter, long RowId)> _overlay = [];
    private readonly Dictionary<long, long?> _moved = [];
    private long[] _cleanup = [];
    private long[] _rowIds = [];
    private int _head;

    public int Count => _cleanup.Length - _head + _overlay.Count;

    public void Clear()
    {
        _cleanup = [];
        _rowIds = [];
        _head = 0;
        _overlay.Clear();
        _moved.Clear();
    }

    /// <summary>Replaces the list with rows already sorted by (cleanup_after, rowid).</summary>
    public void Load(long[] cleanupAfter, long[] rowIds)
    {
        Clear();
        _cleanup = cleanupAfter;
        _rowIds = rowIds;
    }

    /// <summary>A row read again (new, changed or with a reused rowid): its cleanup_after as it is now.</summary>
    public void Update(long rowId, long? cleanupAfter)
    {
        if (_moved.TryGetValue(rowId, out var previous))
        {
            if (previous == cleanupAfter)
            {
                return;
            }

            if (previous is { } p)
            {
                _overlay.Remove((p, rowId));
            }
        }
        else if (cleanupAfter is null && _cleanup.Length == 0)
        {
            return;
        }

        _moved[rowId] = cleanupAfter;
        if (cleanupAfter is { } c)
        {
            _overlay.Add((c, rowId));
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> rowids with the earliest cleanup_after among rows still counted
    /// (<paramref name="counted"/>); entries at the front that are no longer counted are dropped for good.
    /// </summary>
    public List<long> Earliest(int max, Func<long, bool> counted)
    {
        var result = new List<long>(Math.Min(max, 1024));
        var i = _head;
        using var overlay = _overlay.GetEnumerator();
        var hasOverlay = overlay.MoveNext();
        var dropping = true;
        var dropOverlay = new List<(long, long)>();
        while (result.Count < max)
        {
            // Skip base entries whose row was re-read since (its current place is in the overlay).
            while (i < _rowIds.Length && _moved.ContainsKey(_rowIds[i]))
            {
                i++;
                if (dropping)
                {
                    _head = i;
                }
            }

            var baseLeft = i < _rowIds.Length;
            if (!baseLeft && !hasOverlay)
            {
                break;
            }

            if (baseLeft && (!hasOverlay || (_cleanup[i], _rowIds[i]).CompareTo(overlay.Current) <= 0))
            {
                var rowId = _rowIds[i++];
                if (counted(rowId))
                {
                    result.Add(rowId);
                    dropping = false;
                }
                else if (dropping)
                {
                    _head = i;
                }
            }
            else
            {
                var (c, rowId) = overlay.Current;
                hasOverlay = overlay.MoveNext();
                if (counted(rowId))
                {
                    result.Add(rowId);
                }
                else
                {
                    dropOverlay.Add((c, rowId));
                }
            }
        }

        foreach (var e in dropOverlay)
        {
            _overlay.Remove(e);
            _moved[e.Item2] = null;
        }

        return result;
    }
}
