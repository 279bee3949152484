using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Tasks;

/// <summary>OpenClaw's subagent run records: the delivery state of the newest run per task run id and per child session.</summary>
internal static class SubagentRunRecords
{
    /// <summary>
    /// Reads the run records of <paramref name="runIds"/> and <paramref name="childKeys"/>. <paramref name="known"/> holds the
    /// previous pass's parsed deliveries by their JSON text; the result's <c>Parsed</c> is this pass's, for the next.
    /// </summary>
    public static (Dictionary<string, SubagentDelivery?> ByTaskRun, Dictionary<string, SubagentDelivery?> ByChild, Dictionary<string, SubagentDelivery?> Parsed) Read(
        SqliteConnection conn, SqliteTransaction tx, IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> childKeys, IReadOnlyDictionary<string, SubagentDelivery?> known)
    {
        // The run record may sit under parentCompletion when it targets the parent (OpenClaw's own
        // normalisation does the same). json_valid first: one torn payload must not fail the query.
        const string Payload = "CASE WHEN json_valid(payload_json) THEN (CASE WHEN json_extract(payload_json,'$.parentCompletion.completionTarget') = 'parent' THEN json_extract(payload_json,'$.parentCompletion') ELSE payload_json END) END";
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT run_id, child_session_key, json_extract(p, '$.taskRunId'), json_extract(p, '$.delivery'), created_at FROM ("
            + "SELECT run_id, child_session_key, created_at, " + Payload + " AS p FROM subagent_runs "
            + "WHERE run_id IN (SELECT value FROM json_each(@runs)) OR child_session_key IN (SELECT value FROM json_each(@children)))"
            + " ORDER BY created_at";
        cmd.Parameters.AddWithValue("@runs", JsonSerializer.Serialize(runIds, TaskJsonContext.Default.IReadOnlyCollectionString));
        cmd.Parameters.AddWithValue("@children", JsonSerializer.Serialize(childKeys, TaskJsonContext.Default.IReadOnlyCollectionString));

        var byTaskRun = new Dictionary<string, SubagentDelivery?>(StringComparer.Ordinal);
        var byChild = new Dictionary<string, SubagentDelivery?>(StringComparer.Ordinal);

        // Most run records are the same from one pass to the next: parse each distinct delivery text once
        // (the records are equal values, so an unchanged one also keeps the built result in the monitor).
        var parsed = new Dictionary<string, SubagentDelivery?>(StringComparer.Ordinal);
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var runId = LedgerRows.ReadString(r, 0);
                var child = LedgerRows.ReadString(r, 1);
                var taskRunId = LedgerRows.ReadString(r, 2) ?? runId;
                var json = LedgerRows.ReadString(r, 3);
                SubagentDelivery? delivery = null;
                if (json is not null && !parsed.TryGetValue(json, out delivery))
                {
                    delivery = known.TryGetValue(json, out var k) ? k : LedgerRows.ParseDelivery(json);
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

        return (byTaskRun, byChild, parsed);
    }
}
