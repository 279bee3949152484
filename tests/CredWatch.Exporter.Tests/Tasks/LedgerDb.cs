using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Tests.Tasks;

/// <summary>
/// A real SQLite ledger created from the DDL captured off OpenClaw 2026.9.6
/// (tests/fixtures/openclaw-2026.9.6/ledger-schema.sql), in WAL mode like the gateway's, written the
/// way the gateway writes (its own read-write connection, upserts keep rowids).
/// </summary>
public sealed class LedgerDb : IDisposable
{
    public const string SecretResult = "RESULT-TEXT-never-show-0f3a9";
    public const string SecretTaskTail = "TASK-TAIL-never-show-77c1";

    public LedgerDb(bool wal = true, bool createSchema = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "cw-ledger-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path.Combine(Root, "state"));
        StateDir = Path.Combine(Root, "credwatch-state");
        Path_ = Path.Combine(Root, "state", "openclaw.sqlite");
        using var c = Open();
        Exec(c, wal ? "PRAGMA journal_mode=WAL" : "PRAGMA journal_mode=DELETE");
        if (createSchema)
        {
            Exec(c, File.ReadAllText(SchemaPath));
        }
    }

    public static string SchemaPath => Path.Combine(CredWatch.TestSupport.TestPaths.Fixtures, "openclaw-2026.9.6", "ledger-schema.sql");

    public string Root { get; }

    public string StateDir { get; }

#pragma warning disable CA1707 // Path would hide System.IO.Path inside this class.
    public string Path_ { get; }
#pragma warning restore CA1707

    public static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public SqliteConnection Open()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path_, Pooling = false, DefaultTimeout = 10 }.ToString());
        c.Open();
        Exec(c, "PRAGMA busy_timeout=5000");
        return c;
    }

    public void Exec(string sql, params (string Name, object? Value)[] args)
    {
        using var c = Open();
        Exec(c, sql, args);
    }

    public static void Exec(SqliteConnection c, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in args)
        {
            cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
        }

        cmd.ExecuteNonQuery();
    }

    public void Upsert(TaskRow t)
    {
        using var c = Open();
        Upsert(c, t);
    }

    public static void Upsert(SqliteConnection c, TaskRow t) => Exec(c, """
        INSERT INTO task_runs(task_id, runtime, requester_session_key, owner_key, scope_kind, child_session_key, agent_id,
          requester_agent_id, run_id, label, task, status, delivery_status, notify_policy, created_at, started_at, ended_at,
          last_event_at, cleanup_after, error, terminal_summary, terminal_outcome)
        VALUES (@id, @rt, @rsk, @rsk, 'session', @csk, @agent, @ragent, @run, @label, @task, @st, @ds, @np, @ca, @sa, @ea, @le, @cu, @err, @ts, @to)
        ON CONFLICT(task_id) DO UPDATE SET runtime=excluded.runtime, status=excluded.status, delivery_status=excluded.delivery_status,
          notify_policy=excluded.notify_policy, ended_at=excluded.ended_at, last_event_at=excluded.last_event_at, error=excluded.error,
          label=excluded.label, terminal_outcome=excluded.terminal_outcome
        """,
        ("@id", t.Id), ("@rt", t.Runtime), ("@rsk", t.RequesterSessionKey), ("@csk", t.ChildSessionKey ?? "agent:main:subagent:" + t.Id),
        ("@agent", t.AgentId), ("@ragent", t.RequesterAgentId), ("@run", t.RunId ?? "run-" + t.Id), ("@label", t.Label),
        ("@task", t.Task ?? "Summarise the quarterly numbers " + SecretTaskTail.PadLeft(120, '.')), ("@st", t.Status), ("@ds", t.DeliveryStatus),
        ("@np", t.NotifyPolicy), ("@ca", t.CreatedAt), ("@sa", t.CreatedAt), ("@ea", t.EndedAt), ("@le", t.LastEventAt ?? t.EndedAt ?? t.CreatedAt),
        ("@cu", t.EndedAt is null ? null : t.EndedAt + 604_800_000), ("@err", t.Error), ("@ts", SecretResult), ("@to", t.TerminalOutcome));

    public void SubagentRun(string runId, string childKey, string requesterKey, string deliveryJson, long createdAt, string? taskRunId = null)
    {
        var payload = "{\"runId\":\"" + runId + "\"," + (taskRunId is null ? string.Empty : "\"taskRunId\":\"" + taskRunId + "\",")
            + "\"execution\":{\"status\":\"terminal\"},\"completion\":{\"required\":true,\"resultText\":\"" + SecretResult + "\"},\"delivery\":" + deliveryJson + "}";
        Exec("INSERT OR REPLACE INTO subagent_runs(run_id, child_session_key, requester_session_key, created_at, payload_json) VALUES (@r,@c,@q,@t,@p)",
            ("@r", runId), ("@c", childKey), ("@q", requesterKey), ("@t", createdAt), ("@p", payload));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file: the temp dir is cleaned by the OS eventually.
        }
    }
}
