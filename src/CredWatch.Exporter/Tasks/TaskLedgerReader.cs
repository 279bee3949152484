using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Reads OpenClaw's task ledger (<c>&lt;state&gt;/state/openclaw.sqlite</c>) read-only and incrementally.
/// A full pass reads the full record of rows that are or may become undelivered (one table scan), the
/// counts by (runtime, status) from the covering index and each rowid's pair. An incremental pass reads
/// nothing when <c>PRAGMA data_version</c> is unchanged; else only rows with a newer rowid or
/// <c>last_event_at</c> (idx_task_runs_last_event_at), a rowid re-check of the tracked rows (a delivery
/// can settle without an event), the run records of results still pending delivery, and moves the counts
/// by difference (<see cref="TaskCountIndex"/>), verified against <c>count(*)</c> and the small pairs off
/// idx_task_runs_runtime_status. Rows pruned unseen (OpenClaw's sweep) are looked for by rowid among the
/// earliest cleanup_after (<see cref="PruneCandidates"/>); only a mismatch that does not explain (a delete
/// out of that order, a silent status change) recounts the index.
/// Every pass is one short read transaction; none is held between passes (WAL checkpoints, and so the
/// gateway's writes, never wait on CredWatch). Never writes, never checkpoints (NO_CKPT_ON_CLOSE), short
/// busy timeout. Not thread-safe: one caller.
/// </summary>
internal sealed class TaskLedgerReader : IDisposable
{
    // SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE: closing must never checkpoint or remove the gateway's -wal.
    private const int DbConfigNoCheckpointOnClose = 1010;

    // Rows kept in cleanup_after order as prune candidates (16 bytes each).
    private const int DefaultPruneCandidateWindow = 16_384;

    private static readonly string[] RequiredColumns = ["task_id", "runtime", "status", "delivery_status"];

    private static readonly string[] SubagentColumns = ["run_id", "child_session_key", "payload_json", "created_at"];

    private static readonly string[] OptionalColumns =
    [
        "notify_policy", "requester_session_key", "requester_agent_id", "agent_id", "run_id", "child_session_key",
        "label", "task", "error", "created_at", "started_at", "ended_at", "last_event_at", "cleanup_after",
    ];

    private readonly string _path;
    private readonly TimeSpan _busyTimeout;
    private readonly int _pruneCandidateWindow;
    private readonly Dictionary<string, LedgerTask> _tracked = new(StringComparer.Ordinal);
    private readonly TaskCountIndex _countIndex = new();
    private readonly PruneCandidates _pruneCandidates = new();
    private readonly HashSet<string> _refreshDelivery = new(StringComparer.Ordinal);
    private Dictionary<string, SubagentDelivery?> _deliveryByJson = new(StringComparer.Ordinal);
    private Dictionary<string, int> _queueFailed = new(StringComparer.Ordinal);

    private SqliteConnection? _connection;
    private long _dataVersion = -1;
    private long _schemaVersion = -1;
    private long _maxRowId;
    private long _watermark;
    private bool _loaded;
    private Schema? _schema;
    private bool _countIndexUsable;

    // The per-row pairs hold exactly the ledger's rows (since the last full pass, no recount was needed):
    // only then may a rowid found missing be taken off the counts.
    private bool _countRowsExact;

    public TaskLedgerReader(string path, TimeSpan busyTimeout, int pruneCandidateWindow = DefaultPruneCandidateWindow)
    {
        _path = path;
        _busyTimeout = busyTimeout;
        _pruneCandidateWindow = pruneCandidateWindow;
    }

    public string Path => _path;

    /// <summary>Where the last changed pass spent its time (diagnostics for logs and the benchmark).</summary>
    public string? LastPhases { get; private set; }

    private string? IncrementalPhases { get; set; }

    /// <summary>One pass. <paramref name="full"/> forces a full re-read (and a fresh connection).</summary>
    public LedgerReadResult Read(bool full)
    {
        if (!File.Exists(_path))
        {
            Close();
            ResetView();
            return Failure("not_found", "state database not found", full: true);
        }

        try
        {
            return ReadCore(full || !_loaded);
        }
        catch (SqliteException ex)
        {
            var reason = ReasonFor(ex);
            if (reason != "busy")
            {
                // A fresh connection next time: the file may have been replaced or repaired.
                Close();
            }

            return Failure(reason, "sqlite error " + ex.SqliteErrorCode.ToString(CultureInfo.InvariantCulture) + " (" + reason + ")", full);
        }
        catch (UnauthorizedAccessException)
        {
            Close();
            return Failure("permission_denied", "state database not readable", full);
        }
        catch (IOException)
        {
            Close();
            return Failure("read_failed", "state database could not be read", full);
        }
    }

    /// <summary>Which of the given task ids are still in the ledger (used to prune CredWatch's counted set).</summary>
    public IReadOnlySet<string>? FilterExisting(IReadOnlyCollection<string> taskIds)
    {
        if (_connection is null || _schema is null || taskIds.Count == 0)
        {
            return null;
        }

        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT task_id FROM task_runs WHERE task_id IN (SELECT value FROM json_each(@ids))";
            cmd.Parameters.AddWithValue("@ids", JsonSerializer.Serialize(taskIds, TaskJsonContext.Default.IReadOnlyCollectionString));
            var present = new HashSet<string>(StringComparer.Ordinal);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                present.Add(r.GetString(0));
            }

            return present;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    /// <summary>
    /// The current rows of the given task ids (absent: no longer in the ledger); null when the ledger
    /// cannot answer now. Used for the few alerted results that left the tracked set, to tell how they ended.
    /// </summary>
    public IReadOnlyDictionary<string, LedgerTask>? ReadRows(IReadOnlyCollection<string> taskIds)
    {
        if (_connection is null || _schema is null || _schema.Missing is not null || taskIds.Count == 0)
        {
            return null;
        }

        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = _schema.DetailSelect + " WHERE t.task_id IN (SELECT value FROM json_each(@ids))";
            cmd.Parameters.AddWithValue("@ids", JsonSerializer.Serialize(taskIds, TaskJsonContext.Default.IReadOnlyCollectionString));
            var rows = new Dictionary<string, LedgerTask>(StringComparer.Ordinal);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var t = ReadTask(r);
                rows[t.TaskId] = t;
            }

            return rows;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    public void Dispose() => Close();

    private LedgerReadResult ReadCore(bool full)
    {
        if (full)
        {
            Close();
        }

        var conn = _connection ?? Open();

        var dataVersion = ScalarLong(conn, "PRAGMA data_version");
        var schemaVersion = ScalarLong(conn, "PRAGMA schema_version");
        if (!full && _loaded && dataVersion == _dataVersion && schemaVersion == _schemaVersion)
        {
            return Snapshot(full: false, changed: false, rowsRead: 0);
        }

        if (schemaVersion != _schemaVersion || _schema is null)
        {
            _schema = InspectSchema(conn);
            _schemaVersion = schemaVersion;
            full = true;
        }

        if (_schema.Missing is { } missing)
        {
            ResetView();
            _dataVersion = dataVersion;
            return Failure("unsupported_layout", missing, full: true);
        }

        int rowsRead;
        using (var tx = conn.BeginTransaction(deferred: true))
        {
            var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            rowsRead = full ? FullPass(conn, tx) : IncrementalPass(conn, tx);
            var t1 = System.Diagnostics.Stopwatch.GetTimestamp();
            ReadSubagentDeliveries(conn, tx);
            var t2 = System.Diagnostics.Stopwatch.GetTimestamp();
            _queueFailed = ReadQueueFailures(conn, tx);
            var t3 = System.Diagnostics.Stopwatch.GetTimestamp();
            LastPhases = string.Create(CultureInfo.InvariantCulture,
                $"tasks {Ms(t0, t1):F1} ms{(full ? string.Empty : " [" + IncrementalPhases + "]")}, runs {Ms(t1, t2):F1} ms, queue {Ms(t2, t3):F1} ms");
            tx.Commit();
        }

        _dataVersion = dataVersion;
        _loaded = true;
        return Snapshot(full, changed: true, rowsRead);
    }

    private SqliteConnection Open()
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,

            // Microsoft.Data.Sqlite retries SQLITE_BUSY for up to this many seconds on top of busy_timeout.
            DefaultTimeout = 1,
        };
        var conn = new SqliteConnection(builder.ToString());
        try
        {
            conn.Open();
            _ = SQLitePCL.raw.sqlite3_db_config(conn.Handle, DbConfigNoCheckpointOnClose, 1, out _);
            Execute(conn, "PRAGMA busy_timeout = " + ((int)_busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            Execute(conn, "PRAGMA query_only = 1");
        }
        catch
        {
            conn.Dispose();
            throw;
        }

        _connection = conn;
        _dataVersion = -1;
        _schemaVersion = -1;
        _schema = null;
        return conn;
    }

    private void Close()
    {
        _connection?.Dispose();
        _connection = null;
    }

    private void ResetView()
    {
        _tracked.Clear();
        _deliveryByJson.Clear();
        _countIndex.Clear();
        _pruneCandidates.Clear();
        _countIndexUsable = false;
        _countRowsExact = false;
        _queueFailed = new Dictionary<string, int>(StringComparer.Ordinal);
        _maxRowId = 0;
        _watermark = 0;
        _loaded = false;
    }

    private int FullPass(SqliteConnection conn, SqliteTransaction tx)
    {
        _tracked.Clear();
        _refreshDelivery.Clear();
        _maxRowId = MaxRowId(conn, tx);
        _watermark = 0;

        if (_schema!.HasLastEventAt)
        {
            using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT max(last_event_at) FROM task_runs";
            _watermark = cmd.ExecuteScalar() is long wm ? wm : 0;
        }

        var rows = 0;
        using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = _schema.DetailSelect
                + " WHERE t.status IN ('queued','running','lost') OR t.delivery_status NOT IN ('delivered','dismissed','not_applicable')";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                rows++;
                var task = ReadTask(r);
                _tracked[task.TaskId] = task;
                _refreshDelivery.Add(task.TaskId);
            }
        }

        LoadCountIndex(conn, tx);
        LoadPruneCandidates(conn, tx);
        return rows;
    }

    /// <summary>Every row's cleanup_after in index order (idx_task_runs_cleanup_after, covering: no table reads).</summary>
    private void LoadPruneCandidates(SqliteConnection conn, SqliteTransaction tx)
    {
        _pruneCandidates.Clear();
        if (!_countIndexUsable || !_schema!.HasCleanupAfter)
        {
            return;
        }

        // Only the front of the order: OpenClaw's sweep removes tens of rows a minute, and a full pass
        // renews the list long before it would be used up (beyond it, the counts check falls back to a
        // recount). Sized once (one read transaction: no row can appear meanwhile).
        var size = Math.Min(_countIndex.Total, _pruneCandidateWindow);
        var cleanup = new long[size];
        var rowIds = new long[size];
        var n = 0;
        using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT cleanup_after, rowid FROM task_runs WHERE cleanup_after IS NOT NULL ORDER BY cleanup_after, rowid LIMIT @n";
            cmd.Parameters.AddWithValue("@n", size);
            using var r = cmd.ExecuteReader();
            while (r.Read() && n < cleanup.Length)
            {
                // GetInt64 converts a stray non-integer value (not OpenClaw's STRICT schema) instead of
                // boxing every value: the order is only a hint, verified by the counts.
                cleanup[n] = r.GetInt64(0);
                rowIds[n++] = r.GetInt64(1);
            }
        }

        Array.Resize(ref cleanup, n);
        Array.Resize(ref rowIds, n);
        _pruneCandidates.Load(cleanup, rowIds);
    }

    /// <summary>
    /// Exact counts by (runtime, status) from the covering index, then every rowid under its pair (rowids
    /// only, one index range per pair: no per-row strings), so later passes can count by difference.
    /// </summary>
    private void LoadCountIndex(SqliteConnection conn, SqliteTransaction tx)
    {
        _countIndex.Clear();
        _countRowsExact = false;
        var exact = ExactCounts(conn, tx, out _countIndexUsable);
        _countIndex.LoadCounts(exact);
        if (!_countIndexUsable)
        {
            return;
        }

        _countIndex.EnsureCapacity(_countIndex.Total);
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT rowid FROM task_runs WHERE runtime = @r AND status = @s";
        var pr = cmd.Parameters.Add("@r", SqliteType.Text);
        var ps = cmd.Parameters.Add("@s", SqliteType.Text);
        foreach (var (runtime, status, _) in exact)
        {
            pr.Value = runtime;
            ps.Value = status;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                _countIndex.AddRowOnly(r.GetInt64(0), runtime, status);
            }
        }

        // Rows written between the GROUP BY and these reads cannot exist (one read transaction), so the
        // per-row pairs add up to the counts; anything else is a ledger we cannot count by difference.
        _countIndexUsable = _countIndex.RowCount == _countIndex.Total;
        _countRowsExact = _countIndexUsable;
    }

    private static List<(string Runtime, string Status, int Count)> ExactCounts(SqliteConnection conn, SqliteTransaction tx, out bool textOnly)
    {
        textOnly = true;
        var result = new List<(string, string, int)>();
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT runtime, status, count(*) FROM task_runs GROUP BY runtime, status";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            // NULL or non-text values (not OpenClaw's STRICT schema): counted under "other", recounted each pass.
            var isText = !r.IsDBNull(0) && !r.IsDBNull(1) && r.GetFieldType(0) == typeof(string) && r.GetFieldType(1) == typeof(string);
            textOnly &= isText;
            result.Add((ReadString(r, 0) ?? string.Empty, ReadString(r, 1) ?? string.Empty, r.GetInt32(2)));
        }

        return result;
    }

    private int IncrementalPass(SqliteConnection conn, SqliteTransaction tx)
    {
        var ts0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var maxRowId = MaxRowId(conn, tx);
        var gone = new List<LedgerTask>();
        if (maxRowId < _maxRowId)
        {
            // The top rows were deleted: SQLite hands their rowids to the next inserts, so forget them now.
            _countIndex.TrimAbove(maxRowId);
            gone.AddRange(_tracked.Values.Where(t => t.RowId > maxRowId));
            _maxRowId = maxRowId;
        }

        var seen = new Dictionary<long, LedgerTask>();

        // Rows with a new event or a new rowid. >= on the watermark: several rows can share a millisecond.
        // No rowid bound on the second half: SQLite would then scan the table by rowid range instead of
        // using idx_task_runs_last_event_at (a row in both halves is simply read twice).
        using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = _schema!.DetailSelect + " WHERE t.rowid > @maxRowId"
                + (_schema.HasLastEventAt ? " UNION ALL " + _schema.DetailSelect + " WHERE t.last_event_at >= @wm" : string.Empty);
            cmd.Parameters.AddWithValue("@maxRowId", _maxRowId);
            cmd.Parameters.AddWithValue("@wm", _watermark);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var t = ReadTask(r);
                seen[t.RowId] = t;
            }
        }

        var ts1 = System.Diagnostics.Stopwatch.GetTimestamp();

        // Tracked rows are re-checked each time by rowid (task id, status and delivery only): OpenClaw
        // sometimes settles a delivery without bumping last_event_at (e.g. a harness completion marked
        // delivered). The known values go to SQLite as one flat JSON object (rowid → joined values), which
        // returns only the rows that vanished or moved, so an unchanged pass marshals nothing per row.
        var moved = new List<long>();
        var known = new Dictionary<long, LedgerTask>(_tracked.Count);
        foreach (var t in _tracked.Values)
        {
            known[t.RowId] = t;
        }

        if (known.Count > 0)
        {
            using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT CAST(j.key AS INTEGER), t.rowid IS NULL FROM json_each(@rows) j "
                + "LEFT JOIN task_runs t ON t.rowid = CAST(j.key AS INTEGER) "
                + "WHERE t.rowid IS NULL OR (t.task_id || char(31) || t.status || char(31) || t.delivery_status) IS NOT j.value";
            cmd.Parameters.AddWithValue("@rows", KnownRowsJson(known.Values));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var t = known[r.GetInt64(0)];
                if (r.GetInt64(1) != 0)
                {
                    gone.Add(t);
                }
                else if (!seen.ContainsKey(t.RowId))
                {
                    moved.Add(t.RowId);
                }
            }
        }

        var ts2 = System.Diagnostics.Stopwatch.GetTimestamp();
        if (moved.Count > 0)
        {
            using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = _schema.DetailSelect + " WHERE t.rowid IN (SELECT value FROM json_each(@rows))";
            cmd.Parameters.AddWithValue("@rows", "[" + string.Join(',', moved) + "]");
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var t = ReadTask(r);
                seen[t.RowId] = t;
            }
        }

        // A tracked row whose rowid vanished has left the table (or was re-inserted: then it is in seen).
        foreach (var t in gone)
        {
            if (_tracked.TryGetValue(t.TaskId, out var cur) && cur.RowId == t.RowId)
            {
                _tracked.Remove(t.TaskId);
            }

            _countIndex.Remove(t.RowId);
        }

        foreach (var t in seen.Values)
        {
            // The rowid now holds another task (top rowid reused): the old one left the table.
            if (known.TryGetValue(t.RowId, out var replaced) && replaced.TaskId != t.TaskId)
            {
                _tracked.Remove(replaced.TaskId);
            }

            Apply(t);
            _countIndex.Set(t.RowId, t.Runtime, t.Status);
            _pruneCandidates.Update(t.RowId, t.CleanupAfter);
            _refreshDelivery.Add(t.TaskId);
        }

        _maxRowId = Math.Max(_maxRowId, maxRowId);

        var ts3 = System.Diagnostics.Stopwatch.GetTimestamp();
        var countNote = string.Empty;
        var recounted = !_countIndexUsable;
        if (_countIndexUsable)
        {
            var check = ReadCountCheck(conn, tx);
            if (!CountsAgree(check))
            {
                // Rows left without our seeing them (OpenClaw's sweep): find them among the earliest
                // cleanup_after first; only when that does not explain the difference, recount.
                var found = FindPruned(conn, tx, check);
                countNote = string.Create(CultureInfo.InvariantCulture, $" ({found} pruned found)");
                recounted = found < 0 || !CountsAgree(check);
            }
        }

        if (recounted)
        {
            // Untracked rows were pruned, or a row changed without an event: the exact counts from the
            // index (the per-row pairs stay; a full pass renews them).
            if (!_countIndexUsable || CountByKnownPairs(conn, tx) is not { } exact)
            {
                exact = ExactCounts(conn, tx, out var textOnly);
                _countIndexUsable &= textOnly;
            }

            _countIndex.LoadCounts(exact);

            // Rows left that we never saw stay in the per-row map until the next full pass.
            _countRowsExact = false;
        }

        IncrementalPhases = string.Create(CultureInfo.InvariantCulture,
            $"changed {Ms(ts0, ts1):F1} ms, recheck {Ms(ts1, ts2):F1} ms ({_tracked.Count} tracked), moved {Ms(ts2, ts3):F1} ms ({moved.Count}), counts {Ms(ts3, System.Diagnostics.Stopwatch.GetTimestamp()):F1} ms{countNote}{(recounted ? " (recounted)" : string.Empty)}");
        return seen.Count;
    }

    /// <summary>
    /// One index range count per known (runtime, status) pair (~2.5x cheaper than GROUP BY, which compares
    /// group keys row by row), checked against <c>count(*)</c>: a row under a pair not asked for makes the
    /// sums differ, and then null (the caller runs the exact GROUP BY).
    /// </summary>
    private List<(string Runtime, string Status, int Count)>? CountByKnownPairs(SqliteConnection conn, SqliteTransaction tx)
    {
        var result = new List<(string, string, int)>();
        var sum = 0L;
        using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT count(*) FROM task_runs WHERE runtime = @r AND status = @s";
            var pr = cmd.Parameters.Add("@r", SqliteType.Text);
            var ps = cmd.Parameters.Add("@s", SqliteType.Text);
            foreach (var (runtime, status) in _countIndex.Pairs)
            {
                pr.Value = runtime;
                ps.Value = status;
                var n = Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
                result.Add((runtime, status, n));
                sum += n;
            }
        }

        using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT count(*) FROM task_runs";
            return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) == sum ? result : null;
        }
    }

    /// <summary>
    /// What the ledger says, to check the counts kept by difference against: the row count
    /// (<c>count(*)</c>, a b-tree page count, nearly free) and every (runtime, status) count except the
    /// largest pair of each runtime, read as index ranges of idx_task_runs_runtime_status on either side
    /// of it (and between the known runtimes), so only the few rows outside the big pairs are stepped
    /// over. A status change, a prune or a new value shows up in some exactly counted pair or in the row
    /// count; only a row moving between two runtimes' largest pairs would not, and OpenClaw never changes
    /// a task's runtime.
    /// </summary>
    private CountCheck ReadCountCheck(SqliteConnection conn, SqliteTransaction tx)
    {
        long total;
        using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT count(*) FROM task_runs";
            total = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        var dominant = _countIndex.PairCounts().GroupBy(kv => kv.Key.Runtime, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Status, StringComparer.Ordinal).First().Key)
            .OrderBy(p => p.Runtime, StringComparer.Ordinal)
            .ToList();
        var pairs = new Dictionary<(string Runtime, string Status), int>();
        using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            const string Select = "SELECT runtime, status, count(*) FROM task_runs WHERE ";
            var parts = new List<string>();
            for (var i = 0; i < dominant.Count; i++)
            {
                var r = "@r" + i.ToString(CultureInfo.InvariantCulture);
                var d = "@d" + i.ToString(CultureInfo.InvariantCulture);
                cmd.Parameters.AddWithValue(r, dominant[i].Runtime);
                cmd.Parameters.AddWithValue(d, dominant[i].Status);
                parts.Add(Select + (i == 0 ? "runtime < " + r : "runtime > @r" + (i - 1).ToString(CultureInfo.InvariantCulture) + " AND runtime < " + r) + " GROUP BY runtime, status");
                parts.Add(Select + "runtime = " + r + " AND status < " + d + " GROUP BY runtime, status");
                parts.Add(Select + "runtime = " + r + " AND status > " + d + " GROUP BY runtime, status");
            }

            parts.Add(dominant.Count == 0
                ? "SELECT runtime, status, count(*) FROM task_runs GROUP BY runtime, status"
                : Select + "runtime > @r" + (dominant.Count - 1).ToString(CultureInfo.InvariantCulture) + " GROUP BY runtime, status");
            cmd.CommandText = string.Join(" UNION ALL ", parts);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var pair = (ReadString(reader, 0) ?? string.Empty, ReadString(reader, 1) ?? string.Empty);
                pairs[pair] = pairs.GetValueOrDefault(pair) + reader.GetInt32(2);
            }
        }

        return new CountCheck(total, dominant, pairs);
    }

    /// <summary>Whether the counts kept by difference match <paramref name="check"/> (see <see cref="ReadCountCheck"/>).</summary>
    private bool CountsAgree(CountCheck check)
    {
        if (check.Total != _countIndex.Total)
        {
            return false;
        }

        var ours = _countIndex.PairCounts();
        foreach (var p in check.Dominant)
        {
            ours.Remove(p);
        }

        // Every pair the ledger has outside the dominant ones, and none we count that it no longer has.
        return ours.Count == check.Pairs.Count
            && check.Pairs.All(kv => ours.TryGetValue(kv.Key, out var n) && n == kv.Value);
    }

    /// <summary>
    /// When the ledger has fewer rows than counted, asks which of the counted rows with the earliest
    /// cleanup_after (OpenClaw's sweep deletes those, oldest first) still exist, by rowid, and drops the
    /// missing ones from the counts. Returns how many were dropped; -1 when not applicable (more rows than
    /// counted, or a difference too large to be a sweep's: the caller recounts).
    /// </summary>
    private int FindPruned(SqliteConnection conn, SqliteTransaction tx, CountCheck check)
    {
        var missing = _countIndex.Total - check.Total;
        if (!_countRowsExact || missing <= 0 || missing > 4096 || _pruneCandidates.Count == 0)
        {
            return -1;
        }

        // Some slack: a few early rows may be kept (not finished, or re-read with a later cleanup_after).
        var candidates = _pruneCandidates.Earliest((int)missing + 64, _countIndex.Contains);
        if (candidates.Count == 0)
        {
            return -1;
        }

        var present = new HashSet<long>();
        using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT rowid FROM task_runs WHERE rowid IN (SELECT value FROM json_each(@rows))";
            cmd.Parameters.AddWithValue("@rows", "[" + string.Join(',', candidates) + "]");
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                present.Add(r.GetInt64(0));
            }
        }

        var found = 0;
        foreach (var rowId in candidates)
        {
            if (!present.Contains(rowId))
            {
                // Not tracked (a tracked row that vanished was dropped by the re-check already).
                _countIndex.Remove(rowId);
                found++;
            }
        }

        return found;
    }

    private sealed record CountCheck(long Total, List<(string Runtime, string Status)> Dominant, Dictionary<(string Runtime, string Status), int> Pairs);

    private void Apply(LedgerTask t)
    {
        _maxRowId = Math.Max(_maxRowId, t.RowId);
        if (t.LastEventAt is { } le)
        {
            _watermark = Math.Max(_watermark, le);
        }

        if (TaskClassifier.NeedsTracking(TaskLabels.Status(t.Status), TaskLabels.Delivery(t.DeliveryStatus)))
        {
            // A re-read row carries no run record yet: keep the known one until the refresh that follows.
            _tracked[t.TaskId] = _tracked.TryGetValue(t.TaskId, out var known) ? t with { Delivery = known.Delivery } : t;
        }
        else
        {
            _tracked.Remove(t.TaskId);
        }
    }

    /// <summary><c>{"rowid": "task_id␟status␟delivery_status", …}</c> for the SQL-side re-check.</summary>
    private static string KnownRowsJson(IEnumerable<LedgerTask> known)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var t in known)
            {
                w.WriteString(t.RowId.ToString(CultureInfo.InvariantCulture), t.TaskId + "\u001f" + t.Status + "\u001f" + t.DeliveryStatus);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }


    private static long MaxRowId(SqliteConnection conn, SqliteTransaction tx)
    {
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT max(rowid) FROM task_runs";
        return cmd.ExecuteScalar() is long l ? l : 0;
    }

    private void ReadSubagentDeliveries(SqliteConnection conn, SqliteTransaction tx)
    {
        // A run record changes without touching task_runs while OpenClaw retries an announce: re-read it
        // for every result still pending delivery, and for rows that changed in this pass.
        var wanted = _tracked.Values.Where(t => t.Runtime == "subagent" && t.Status is not ("queued" or "running")
            && (t.DeliveryStatus is "pending" or "session_queued" || _refreshDelivery.Contains(t.TaskId))).ToList();
        _refreshDelivery.Clear();
        if (wanted.Count == 0 || !_schema!.HasSubagentRuns)
        {
            return;
        }

        var runIds = wanted.Select(t => t.RunId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var childKeys = wanted.Select(t => t.ChildSessionKey).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

        // The run record may sit under parentCompletion when it targets the parent (OpenClaw's own
        // normalisation does the same). json_valid first: one torn payload must not fail the query.
        const string Payload = "CASE WHEN json_valid(payload_json) THEN (CASE WHEN json_extract(payload_json,'$.parentCompletion.completionTarget') = 'parent' THEN json_extract(payload_json,'$.parentCompletion') ELSE payload_json END) END";
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT run_id, child_session_key, json_extract(p, '$.taskRunId'), json_extract(p, '$.delivery'), created_at FROM ("
            + "SELECT run_id, child_session_key, created_at, " + Payload + " AS p FROM subagent_runs "
            + "WHERE run_id IN (SELECT value FROM json_each(@runs)) OR child_session_key IN (SELECT value FROM json_each(@children)))"
            + " ORDER BY created_at";
        cmd.Parameters.AddWithValue("@runs", JsonSerializer.Serialize(runIds, TaskJsonContext.Default.ListString));
        cmd.Parameters.AddWithValue("@children", JsonSerializer.Serialize(childKeys, TaskJsonContext.Default.ListString));

        var byTaskRun = new Dictionary<string, SubagentDelivery?>(StringComparer.Ordinal);
        var byChild = new Dictionary<string, SubagentDelivery?>(StringComparer.Ordinal);

        // Most run records are the same from one pass to the next: parse each distinct delivery text once
        // (the records are equal values, so an unchanged one also keeps the built result in the monitor).
        var parsed = new Dictionary<string, SubagentDelivery?>(StringComparer.Ordinal);
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var runId = ReadString(r, 0);
                var child = ReadString(r, 1);
                var taskRunId = ReadString(r, 2) ?? runId;
                var json = ReadString(r, 3);
                SubagentDelivery? delivery = null;
                if (json is not null && !parsed.TryGetValue(json, out delivery))
                {
                    delivery = _deliveryByJson.TryGetValue(json, out var known) ? known : ParseDelivery(json);
                    parsed[json] = delivery;
                }

                // Ordered by created_at: the newest run for a key wins.
                if (taskRunId is not null)
                {
                    byTaskRun[taskRunId] = delivery;
                }

                if (child is not null)
                {
                    byChild[child] = delivery;
                }
            }
        }

        _deliveryByJson = parsed;
        foreach (var t in wanted)
        {
            SubagentDelivery? d = null;
            if (t.RunId is not null && byTaskRun.TryGetValue(t.RunId, out var byRun))
            {
                d = byRun;
            }
            else if (t.ChildSessionKey is not null && byChild.TryGetValue(t.ChildSessionKey, out var byKey))
            {
                d = byKey;
            }

            if (d != t.Delivery)
            {
                _tracked[t.TaskId] = t with { Delivery = d };
            }
        }
    }

    private Dictionary<string, int> ReadQueueFailures(SqliteConnection conn, SqliteTransaction tx)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!_schema!.HasQueue)
        {
            return result;
        }

        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT channel, count(*) FROM delivery_queue_entries WHERE status = 'failed' GROUP BY channel";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var channel = TaskLabels.Channel(ReadString(r, 0));
            result[channel] = result.GetValueOrDefault(channel) + r.GetInt32(1);
        }

        return result;
    }

    private LedgerReadResult Snapshot(bool full, bool changed, int rowsRead)
    {
        var labelCounts = new int[TaskLabels.Runtimes.Count * TaskLabels.Statuses.Count];
        _countIndex.CopyTo(labelCounts);
        var counts = new Dictionary<(string, string), int>();
        for (var ri = 0; ri < TaskLabels.Runtimes.Count; ri++)
        {
            for (var si = 0; si < TaskLabels.Statuses.Count; si++)
            {
                counts[(TaskLabels.Runtimes[ri], TaskLabels.Statuses[si])] = labelCounts[(ri * TaskLabels.Statuses.Count) + si];
            }
        }

        return new LedgerReadResult
        {
            Full = full,
            Changed = changed,
            RowsRead = rowsRead,
            Tracked = [.. _tracked.Values],
            TaskCounts = counts,
            QueueFailed = new Dictionary<string, int>(_queueFailed, StringComparer.Ordinal),
            TotalTasks = _countIndex.Total,
        };
    }

    private LedgerReadResult Failure(string reason, string detail, bool full) =>
        Snapshot(full, changed: false, rowsRead: 0) with { Reason = reason, Detail = detail };

    private static Schema InspectSchema(SqliteConnection conn)
    {
        var tables = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var table in new[] { "task_runs", "subagent_runs", "task_delivery_state", "delivery_queue_entries" })
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT name FROM pragma_table_info(@t)";
            cmd.Parameters.AddWithValue("@t", table);
            var cols = new HashSet<string>(StringComparer.Ordinal);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                cols.Add(r.GetString(0));
            }

            if (cols.Count > 0)
            {
                tables[table] = cols;
            }
        }

        if (!tables.TryGetValue("task_runs", out var taskCols))
        {
            return new Schema { Missing = "no task_runs table (OpenClaw release without a task ledger?)" };
        }

        var missing = RequiredColumns.Where(c => !taskCols.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return new Schema { Missing = "task_runs lacks column(s) " + string.Join(", ", missing) };
        }

        string Col(string name, string expr) => taskCols.Contains(name) ? expr : "NULL";

        var sb = new StringBuilder("SELECT t.rowid, t.task_id, t.runtime, t.status, t.delivery_status");
        foreach (var c in OptionalColumns)
        {
            // Bounded reads: label/task feed an 80-character label; error only its class.
            var expr = c switch
            {
                "label" or "task" => "substr(t." + c + ",1,400)",
                "error" => "substr(t.error,1,2000)",
                _ => "t." + c,
            };
            sb.Append(", ").Append(Col(c, expr));
        }

        var hasOrigin = tables.TryGetValue("task_delivery_state", out var ds) && ds.Contains("task_id") && ds.Contains("requester_origin_json");
        sb.Append(hasOrigin ? ", substr(d.requester_origin_json,1,4000) FROM task_runs t LEFT JOIN task_delivery_state d ON d.task_id = t.task_id" : ", NULL FROM task_runs t");

        var hasSubagent = tables.TryGetValue("subagent_runs", out var sr)
            && SubagentColumns.All(sr.Contains);
        var hasQueue = tables.TryGetValue("delivery_queue_entries", out var q) && q.Contains("status") && q.Contains("channel");

        return new Schema
        {
            DetailSelect = sb.ToString(),
            HasLastEventAt = taskCols.Contains("last_event_at"),
            HasCleanupAfter = taskCols.Contains("cleanup_after"),
            HasSubagentRuns = hasSubagent,
            HasQueue = hasQueue,
        };
    }

    private static LedgerTask ReadTask(SqliteDataReader r)
    {
        var status = ReadString(r, 3) ?? string.Empty;
        var sessionKey = ReadString(r, 6);
        return new LedgerTask
        {
            RowId = r.GetInt64(0),
            TaskId = ReadString(r, 1) ?? string.Empty,
            Runtime = ReadString(r, 2) ?? string.Empty,
            Status = status,
            DeliveryStatus = ReadString(r, 4) ?? string.Empty,
            NotifyPolicy = ReadString(r, 5),
            RequesterSessionKey = sessionKey,
            RequesterAgentId = ReadString(r, 7),
            AgentId = ReadString(r, 8),
            RunId = ReadString(r, 9),
            ChildSessionKey = ReadString(r, 10),
            Label = ReadString(r, 11),
            TaskText = ReadString(r, 12),
            Error = ReadString(r, 13),
            CreatedAt = ReadLong(r, 14) ?? 0,
            StartedAt = ReadLong(r, 15),
            EndedAt = ReadLong(r, 16),
            LastEventAt = ReadLong(r, 17),
            CleanupAfter = ReadLong(r, 18),
            Origin = ParseOrigin(ReadString(r, 19)) ?? RequesterOrigin.FromSessionKey(sessionKey),
        };
    }

    private static string? ReadString(SqliteDataReader r, int i)
    {
        if (r.IsDBNull(i))
        {
            return null;
        }

        var v = r.GetValue(i);
        return v switch
        {
            string s => s,
            byte[] => null,
            _ => Convert.ToString(v, CultureInfo.InvariantCulture),
        };
    }

    private static long? ReadLong(SqliteDataReader r, int i)
    {
        if (r.IsDBNull(i))
        {
            return null;
        }

        return r.GetValue(i) switch
        {
            long l => l,
            double d when d is >= long.MinValue and <= long.MaxValue => (long)d,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
            _ => null,
        };
    }

    internal static SubagentDelivery? ParseDelivery(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            var e = doc.RootElement;
            if (e.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new SubagentDelivery
            {
                Status = JsonString(e, "status"),
                SuspendedReason = JsonString(e, "suspendedReason"),
                SuspendedAt = JsonLong(e, "suspendedAt"),
                LastError = JsonString(e, "lastError"),
                AttemptCount = (int)Math.Clamp(JsonLong(e, "attemptCount") ?? 0, 0, int.MaxValue),
                DeadlineAt = JsonLong(e, "deadlineAt"),
                Disposition = JsonString(e, "disposition"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static RequesterOrigin? ParseOrigin(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            var e = doc.RootElement;
            if (e.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var channel = JsonString(e, "channel");
            var to = JsonString(e, "to");
            return channel is null && to is null
                ? null
                : new RequesterOrigin(channel, to, JsonString(e, "threadId") ?? JsonLong(e, "threadId")?.ToString(CultureInfo.InvariantCulture), JsonString(e, "accountId"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? JsonString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? JsonLong(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l) ? l : null;

    private static double Ms(long from, long to) => System.Diagnostics.Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static long ScalarLong(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string ReasonFor(SqliteException ex) => ex.SqliteErrorCode switch
    {
        5 or 6 => "busy", // SQLITE_BUSY, SQLITE_LOCKED
        11 or 26 => "corrupt_db", // SQLITE_CORRUPT, SQLITE_NOTADB
        3 or 23 => "permission_denied", // SQLITE_PERM, SQLITE_AUTH
        14 => "read_failed", // SQLITE_CANTOPEN
        _ => "read_failed",
    };

    private sealed record Schema
    {
        public string? Missing { get; init; }

        public string DetailSelect { get; init; } = string.Empty;

        public bool HasLastEventAt { get; init; }

        public bool HasCleanupAfter { get; init; }

        public bool HasSubagentRuns { get; init; }

        public bool HasQueue { get; init; }
    }
}
