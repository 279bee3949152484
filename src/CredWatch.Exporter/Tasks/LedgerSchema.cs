using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// What the ledger's tables hold in this OpenClaw release, read from <c>pragma_table_info</c>: the one SELECT of a task's
/// details (missing optional columns read as NULL, long texts cut in SQL) and which side tables can be read.
/// </summary>
internal sealed record LedgerSchema
{
    private static readonly string[] RequiredColumns = ["task_id", "runtime", "status", "delivery_status"];

    private static readonly string[] SubagentColumns = ["run_id", "child_session_key", "payload_json", "created_at"];

    private static readonly string[] OptionalColumns =
    [
        "notify_policy", "requester_session_key", "requester_agent_id", "agent_id", "run_id", "child_session_key",
        "label", "task", "error", "created_at", "started_at", "ended_at", "last_event_at",
    ];

    public string? Missing { get; init; }

    /// <summary>No <c>task_runs</c> table at all: no ledger here (as opposed to one CredWatch cannot read).</summary>
    public bool NoLedger { get; init; }

    public string DetailSelect { get; init; } = string.Empty;

    public bool HasLastEventAt { get; init; }

    public bool HasSubagentRuns { get; init; }

    public bool HasQueue { get; init; }

    public static LedgerSchema Inspect(SqliteConnection conn)
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
            return new LedgerSchema { Missing = "no task_runs table (OpenClaw release without a task ledger, or a database still being created)", NoLedger = true };
        }

        var missing = RequiredColumns.Where(c => !taskCols.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return new LedgerSchema { Missing = "task_runs lacks column(s) " + string.Join(", ", missing) };
        }

        string Col(string name, string expr) => taskCols.Contains(name) ? expr : "NULL";

        var sb = new StringBuilder("SELECT t.rowid, t.task_id, t.runtime, t.status, t.delivery_status");
        foreach (var c in OptionalColumns)
        {
            // Bounded reads: label/task feed an 80-character label; error only its class.
            var expr = c switch
            {
                "label" or "task" => "substr(t." + c + ",1," + TaskLedgerReader.MaxTextRead.ToString(CultureInfo.InvariantCulture) + ")",
                "error" => "substr(t.error,1,2000)",
                _ => "t." + c,
            };
            sb.Append(", ").Append(Col(c, expr));
        }

        var hasOrigin = tables.TryGetValue("task_delivery_state", out var ds) && ds.Contains("task_id") && ds.Contains("requester_origin_json");
        sb.Append(hasOrigin ? ", substr(d.requester_origin_json,1,4000) FROM task_runs t LEFT JOIN task_delivery_state d ON d.task_id = t.task_id" : ", NULL FROM task_runs t");

        return new LedgerSchema
        {
            DetailSelect = sb.ToString(),
            HasLastEventAt = taskCols.Contains("last_event_at"),
            HasSubagentRuns = tables.TryGetValue("subagent_runs", out var sr) && SubagentColumns.All(sr.Contains),
            HasQueue = tables.TryGetValue("delivery_queue_entries", out var q) && q.Contains("status") && q.Contains("channel"),
        };
    }
}
