namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Task counts by (runtime, status) kept up to date from the rows a pass reads, so an incremental pass
/// does not re-aggregate the whole ledger: each rowid remembers its (runtime, status) pair (two bytes a
/// row), a changed row moves one count, a vanished tracked row drops one. The reader checks the result
/// against the database (a free <c>count(*)</c> and the small per-status totals off the status index) and
/// recounts from the index when they differ (untracked rows pruned, or changed without an event).
/// </summary>
internal sealed class TaskCountIndex
{
    private readonly Dictionary<long, ushort> _rows = [];
    private readonly List<(string Runtime, string Status)> _pairs = [];
    private readonly Dictionary<(string Runtime, string Status), ushort> _pairCodes = [];
    private readonly List<int> _counts = [];

    /// <summary>Rows counted (the ledger's row count when the index is in step with it).</summary>
    public int Total { get; private set; }

    public int RowCount => _rows.Count;

    public bool Contains(long rowId) => _rows.ContainsKey(rowId);

    /// <summary>Every (runtime, status) pair seen since the last full pass.</summary>
    public IReadOnlyList<(string Runtime, string Status)> Pairs => _pairs;

    public void Clear()
    {
        _rows.Clear();
        _pairs.Clear();
        _pairCodes.Clear();
        _counts.Clear();
        Total = 0;
    }

    /// <summary>Records the current pair of a row (new or changed).</summary>
    public void Set(long rowId, string runtime, string status)
    {
        var code = Code(runtime, status);
        if (_rows.TryGetValue(rowId, out var old))
        {
            if (old == code)
            {
                return;
            }

            _counts[old]--;
        }
        else
        {
            Total++;
        }

        _counts[code]++;
        _rows[rowId] = code;
    }

    /// <summary>Sizes the row map once before a full load (no doubling copies of a 100,000-row map).</summary>
    public void EnsureCapacity(int rows) => _rows.EnsureCapacity(rows);

    /// <summary>Adds a row known to be new, without touching the counts (the full pass loads them exactly).</summary>
    public void AddRowOnly(long rowId, string runtime, string status) => _rows[rowId] = Code(runtime, status);

    public void Remove(long rowId)
    {
        if (_rows.Remove(rowId, out var old))
        {
            _counts[old]--;
            Total--;
        }
    }

    /// <summary>Forgets rows above <paramref name="maxRowId"/> (the top rows were deleted: SQLite reuses those rowids).</summary>
    public void TrimAbove(long maxRowId)
    {
        foreach (var rowId in _rows.Keys.Where(k => k > maxRowId).ToList())
        {
            Remove(rowId);
        }
    }

    /// <summary>Replaces the counts with exact ones from the database (the per-row pairs are left as they are).</summary>
    public void LoadCounts(IEnumerable<(string Runtime, string Status, int Count)> counts)
    {
        for (var i = 0; i < _counts.Count; i++)
        {
            _counts[i] = 0;
        }

        Total = 0;
        foreach (var (runtime, status, n) in counts)
        {
            _counts[Code(runtime, status)] += n;
            Total += n;
        }
    }

    /// <summary>The non-zero count of every (runtime, status) pair.</summary>
    public Dictionary<(string Runtime, string Status), int> PairCounts()
    {
        var result = new Dictionary<(string, string), int>();
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (_counts[i] != 0)
            {
                result[_pairs[i]] = _counts[i];
            }
        }

        return result;
    }

    /// <summary>Folds the counts into the bounded (runtime, status) label buckets.</summary>
    public void CopyTo(int[] labelCounts)
    {
        Array.Clear(labelCounts);
        for (var i = 0; i < _pairs.Count; i++)
        {
            var (runtime, status) = _pairs[i];
            labelCounts[(TaskLabels.RuntimeIndex(runtime) * TaskLabels.Statuses.Count) + TaskLabels.StatusIndex(status)] += _counts[i];
        }
    }

    private ushort Code(string runtime, string status)
    {
        if (!_pairCodes.TryGetValue((runtime, status), out var code))
        {
            // Distinct (runtime, status) strings are a handful; a ledger with thousands is not OpenClaw's.
            if (_pairs.Count == ushort.MaxValue)
            {
                throw new InvalidDataException("too many distinct (runtime, status) values");
            }

            code = (ushort)_pairs.Count;
            _pairs.Add((runtime, status));
            _pairCodes[(runtime, status)] = code;
            _counts.Add(0);
        }

        return code;
    }
}
