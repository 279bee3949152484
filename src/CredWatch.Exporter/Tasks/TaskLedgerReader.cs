using System.Globalization;
using System.Text.Json;
using CredWatch.Exporter.Sqlite;
using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Reads OpenClaw's task ledger (<c>&lt;state&gt;/state/openclaw.sqlite</c>) read-only and incrementally.
/// A full pass reads the full record of rows that are or may become undelivered (one table scan) and the
/// counts by (runtime, status) from the covering index. An incremental pass reads nothing when
/// <c>PRAGMA data_version</c> is unchanged; else only rows with a newer rowid or <c>last_event_at</c>
/// (idx_task_runs_last_event_at), a rowid re-check of the tracked rows (a delivery can settle without an
/// event), the run records of results still pending delivery, and the counts again: one index range count
/// per known (runtime, status) pair of idx_task_runs_runtime_status, checked against <c>count(*)</c>
/// (a new pair makes the sums differ; then the GROUP BY). Counting afresh means rows pruned unseen (OpenClaw's
/// sweep) or changed without an event are always counted right, with no per-row state.
/// Every pass is one short read transaction; none is held between passes (WAL checkpoints, and so the
/// gateway's writes, never wait on CredWatch); opened by <see cref="OpenClawDatabase"/>. Not thread-safe: one caller.
/// </summary>
internal sealed class TaskLedgerReader : IDisposable
{
    /// <summary>Characters of <c>label</c>/<c>task</c> read: enough for an 80-character label after whitespace folds.</summary>
    public const int MaxTextRead = 400;

    private const string MaxRowIdSql = "SELECT max(rowid) FROM task_runs";

    private readonly string _path;
    private readonly TimeSpan _busyTimeout;
    private readonly Dictionary<string, LedgerTask> _tracked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refreshDelivery = new(StringComparer.Ordinal);
    private Dictionary<string, SubagentDelivery?> _deliveryByJson = new(StringComparer.Ordinal);
    private Dictionary<string, int> _queueFailed = new(StringComparer.Ordinal);

    private SqliteConnection? _connection;
    private long _dataVersion = -1;
    private long _schemaVersion = -1;
    private long _maxRowId;
    private long _watermark;
    private bool _loaded;
    private LedgerSchema? _schema;
    private List<(string Runtime, string Status, int Count)> _counts = [];

    public TaskLedgerReader(string path, TimeSpan busyTimeout)
    {
        _path = path;
        _busyTimeout = busyTimeout;
    }

    public string Path => _path;

    /// <summary>One pass. <paramref name="full"/> forces a full re-read (and a fresh connection).</summary>
    public LedgerReadResult Read(bool full)
    {
        if (!File.Exists(_path))
        {
            Close();
            ResetView();
            return Failure(LedgerReasons.NotFound, "state database not found", full: true);
        }

        try
        {
            return ReadCore(full || !_loaded);
        }
        catch (SqliteException ex)
        {
            var reason = OpenClawDatabase.Reason(ex);
            if (!OpenClawDatabase.IsBusy(ex))
            {
                // A fresh connection next time: the file may have been replaced or repaired.
                Close();
            }

            return Failure(reason, OpenClawDatabase.Describe(ex), full);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            Close();
            return ex is UnauthorizedAccessException
                ? Failure("permission_denied", "state database not readable", full)
                : Failure("read_failed", "state database could not be read", full);
        }
    }

    /// <summary>
    /// The current rows of the given task ids (absent: no longer in the ledger); null when the ledger
    /// cannot answer now. Used for the alerted results that left the tracked set, to tell how they ended, and
    /// to prune CredWatch's counted set.
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
                var t = LedgerRows.ReadTask(r);
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

        var dataVersion = Scalar(conn, null, "PRAGMA data_version");
        var schemaVersion = Scalar(conn, null, "PRAGMA schema_version");
        if (!full && _loaded && dataVersion == _dataVersion && schemaVersion == _schemaVersion)
        {
            return Snapshot(full: false, changed: false, rowsRead: 0);
        }

        if (schemaVersion != _schemaVersion || _schema is null)
        {
            _schema = LedgerSchema.Inspect(conn);
            _schemaVersion = schemaVersion;
            full = true;
        }

        if (_schema.Missing is { } missing)
        {
            ResetView();
            _dataVersion = dataVersion;
            // A release without task tables (or a state database still being created) has no ledger: not a broken one.
            return Failure(_schema.NoLedger ? LedgerReasons.NotApplicable : "unsupported_layout", missing, full: true);
        }

        int rowsRead;
        using (var tx = conn.BeginTransaction(deferred: true))
        {
            rowsRead = full ? FullPass(conn, tx) : IncrementalPass(conn, tx);
            _counts = (full ? null : CountByKnownPairs(conn, tx)) ?? Counts(conn, tx);
            ReadSubagentDeliveries(conn, tx);
            _queueFailed = ReadQueueFailures(conn, tx);
            tx.Commit();
        }

        _dataVersion = dataVersion;
        _loaded = true;
        return Snapshot(full, changed: true, rowsRead);
    }

    private SqliteConnection Open()
    {
        var conn = OpenClawDatabase.Open(_path, _busyTimeout);
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
        _counts = [];
        _queueFailed = new Dictionary<string, int>(StringComparer.Ordinal);
        _maxRowId = 0;
        _watermark = 0;
        _loaded = false;
    }

    private int FullPass(SqliteConnection conn, SqliteTransaction tx)
    {
        _tracked.Clear();
        _refreshDelivery.Clear();
        _maxRowId = Scalar(conn, tx, MaxRowIdSql);
        _watermark = _schema!.HasLastEventAt ? Scalar(conn, tx, "SELECT max(last_event_at) FROM task_runs") : 0;

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
                var task = LedgerRows.ReadTask(r);
                _tracked[task.TaskId] = task;
                _refreshDelivery.Add(task.TaskId);
            }
        }

        return rows;
    }

    /// <summary>Counts by (runtime, status) from the covering index, NULL or non-text values under "".</summary>
    private static List<(string Runtime, string Status, int Count)> Counts(SqliteConnection conn, SqliteTransaction tx)
    {
        var result = new List<(string, string, int)>();
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT runtime, status, count(*) FROM task_runs GROUP BY runtime, status";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add((LedgerRows.ReadString(r, 0) ?? string.Empty, LedgerRows.ReadString(r, 1) ?? string.Empty, r.GetInt32(2)));
        }

        return result;
    }

    private int IncrementalPass(SqliteConnection conn, SqliteTransaction tx)
    {
        var maxRowId = Scalar(conn, tx, MaxRowIdSql);
        var gone = new List<LedgerTask>();
        if (maxRowId < _maxRowId)
        {
            // The top rows were deleted: SQLite hands their rowids to the next inserts, so forget them now.
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
                var t = LedgerRows.ReadTask(r);
                seen[t.RowId] = t;
            }
        }

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

        if (moved.Count > 0)
        {
            using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = _schema.DetailSelect + " WHERE t.rowid IN (SELECT value FROM json_each(@rows))";
            cmd.Parameters.AddWithValue("@rows", "[" + string.Join(',', moved) + "]");
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var t = LedgerRows.ReadTask(r);
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
        }

        foreach (var t in seen.Values)
        {
            // The rowid now holds another task (top rowid reused): the old one left the table.
            if (known.TryGetValue(t.RowId, out var replaced) && replaced.TaskId != t.TaskId)
            {
                _tracked.Remove(replaced.TaskId);
            }

            Apply(t);
            _refreshDelivery.Add(t.TaskId);
        }

        _maxRowId = Math.Max(_maxRowId, maxRowId);

        return seen.Count;
    }

    /// <summary>
    /// One index range count per known (runtime, status) pair (~2.5x cheaper than GROUP BY, which compares
    /// group keys row by row), checked against <c>count(*)</c>: a row under a pair not asked for makes the
    /// sums differ, and then null (the caller runs the exact GROUP BY).
    /// </summary>
    private List<(string Runtime, string Status, int Count)>? CountByKnownPairs(SqliteConnection conn, SqliteTransaction tx)
    {
        var result = new List<(string Runtime, string Status, int Count)>();
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT count(*) FROM task_runs WHERE runtime = @r AND status = @s";
        var pr = cmd.Parameters.Add("@r", SqliteType.Text);
        var ps = cmd.Parameters.Add("@s", SqliteType.Text);
        foreach (var (runtime, status, _) in _counts)
        {
            pr.Value = runtime;
            ps.Value = status;
            result.Add((runtime, status, Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture)));
        }

        return Scalar(conn, tx, "SELECT count(*) FROM task_runs") == result.Sum(c => (long)c.Count) ? result : null;
    }

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
    private static string KnownRowsJson(IEnumerable<LedgerTask> known) => JsonSerializer.Serialize(
        known.ToDictionary(t => t.RowId.ToString(CultureInfo.InvariantCulture), t => t.TaskId + "\u001f" + t.Status + "\u001f" + t.DeliveryStatus),
        TaskJsonContext.Default.DictionaryStringString);

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

        var (byTaskRun, byChild, parsed) = SubagentRunRecords.Read(conn, tx, runIds, childKeys, _deliveryByJson);
        _deliveryByJson = parsed;
        foreach (var t in wanted)
        {
            var d = t.RunId is not null && byTaskRun.TryGetValue(t.RunId, out var byRun) ? byRun
                : t.ChildSessionKey is not null && byChild.TryGetValue(t.ChildSessionKey, out var byKey) ? byKey
                : null;
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
            var channel = TaskLabels.Channel(LedgerRows.ReadString(r, 0));
            result[channel] = result.GetValueOrDefault(channel) + r.GetInt32(1);
        }

        return result;
    }

    private LedgerReadResult Snapshot(bool full, bool changed, int rowsRead)
    {
        var counts = TaskLabels.Runtimes.SelectMany(_ => TaskLabels.Statuses, (runtime, status) => (runtime, status))
            .ToDictionary(k => k, _ => 0);

        foreach (var (runtime, status, n) in _counts)
        {
            // Values OpenClaw may add later are folded into the bounded labels ("other").
            counts[(TaskLabels.Runtime(runtime), TaskLabels.Status(status))] += n;
        }

        return new LedgerReadResult
        {
            Full = full,
            Changed = changed,
            RowsRead = rowsRead,
            Tracked = [.. _tracked.Values],
            TaskCounts = counts,
            QueueFailed = new Dictionary<string, int>(_queueFailed, StringComparer.Ordinal),
            TotalTasks = _counts.Sum(c => c.Count),
        };
    }

    private LedgerReadResult Failure(string reason, string detail, bool full) =>
        Snapshot(full, changed: false, rowsRead: 0) with { Reason = reason, Detail = detail };

    /// <summary>A query's one integer; 0 for NULL (an empty table's max) or a non-integer value.</summary>
    private static long Scalar(SqliteConnection conn, SqliteTransaction? tx, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd.ExecuteScalar() is long l ? l : 0;
    }
}
