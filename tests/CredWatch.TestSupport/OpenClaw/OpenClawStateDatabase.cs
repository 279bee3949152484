using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace CredWatch.TestSupport.OpenClaw;

/// <summary>
/// Test-side access to the state database a real OpenClaw wrote (<c>&lt;state&gt;/state/openclaw.sqlite</c>, schema 18
/// on 2026.9.6): read the shared store, and the two writes the seed scenario needs — expire the stored login while
/// a child works, and move a subagent's announce deadline into the past (2026.9.6 hard-codes 30 min).
/// </summary>
public static class OpenClawStateDatabase
{
    public static SqliteConnection Open(string path, bool readOnly = true)
    {
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            DefaultTimeout = 30,
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(cs);
        connection.Open();
        using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 10000;";
        busy.ExecuteNonQuery();
        return connection;
    }

    public static long UserVersion(string path)
    {
        using var c = Open(path);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA user_version;";
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary><c>config_machine_state.value_json</c> of one key (e.g. <c>auth.sharedStore</c>, <c>authProfiles.store</c>), or null.</summary>
    public static JsonNode? ConfigMachineState(OpenClawHome home, string key)
    {
        using var c = Open(home.StateDatabasePath);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT value_json FROM config_machine_state WHERE state_key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() is string json ? JsonNode.Parse(json) : null;
    }

    /// <summary>One profile of the shared store (schema ≥ 13: row <c>authProfiles.store</c>), or null.</summary>
    public static JsonObject? SharedProfile(OpenClawHome home, string profileId) =>
        ConfigMachineState(home, "authProfiles.store")?["profiles"]?[profileId] as JsonObject;

    /// <summary>Sets a shared-store profile's <c>expires</c> (ms) in place, as if the login had aged; the gateway is
    /// then forced to refresh on its next turn (offline: the refresh fails and OpenClaw writes a failed fence).</summary>
    public static void SetSharedProfileExpiry(OpenClawHome home, string profileId, DateTimeOffset expires)
    {
        using var c = Open(home.StateDatabasePath, readOnly: false);
        using var tx = c.BeginTransaction();
        using var read = c.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "SELECT value_json FROM config_machine_state WHERE state_key = 'authProfiles.store'";
        var store = JsonNode.Parse((string)read.ExecuteScalar()!)!;
        var profile = store["profiles"]?[profileId] as JsonObject
            ?? throw new InvalidOperationException($"profile {profileId} not in the shared store");
        profile["expires"] = expires.ToUnixTimeMilliseconds();
        using var write = c.CreateCommand();
        write.Transaction = tx;
        write.CommandText = "UPDATE config_machine_state SET value_json = $v, updated_at_ms = $t WHERE state_key = 'authProfiles.store'";
        write.Parameters.AddWithValue("$v", store.ToJsonString());
        write.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        write.ExecuteNonQuery();
        tx.Commit();
    }

    /// <summary>
    /// A re-login, as <c>openclaw models auth login</c> would leave the shared store: fresh access/refresh tokens and
    /// expiry replace whatever was there (a failed fence included), and the profile's failure cooldown is cleared.
    /// </summary>
    public static void ReplaceSharedLogin(OpenClawHome home, string profileId, string access, string refresh, DateTimeOffset expires)
    {
        using var c = Open(home.StateDatabasePath, readOnly: false);
        using var tx = c.BeginTransaction();
        using var read = c.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "SELECT value_json FROM config_machine_state WHERE state_key = 'authProfiles.store'";
        var store = JsonNode.Parse((string)read.ExecuteScalar()!)!;
        var profile = store["profiles"]?[profileId] as JsonObject
            ?? throw new InvalidOperationException($"profile {profileId} not in the shared store");
        profile["access"] = access;
        profile["refresh"] = refresh;
        profile["expires"] = expires.ToUnixTimeMilliseconds();
        (store["usageStats"] as JsonObject)?.Remove(profileId);
        using var write = c.CreateCommand();
        write.Transaction = tx;
        write.CommandText = "UPDATE config_machine_state SET value_json = $v, updated_at_ms = $t WHERE state_key = 'authProfiles.store'";
        write.Parameters.AddWithValue("$v", store.ToJsonString());
        write.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        write.ExecuteNonQuery();

        // The runtime state row (authProfiles.state) holds the auth-failure cooldown/disable window that keeps a
        // profile out of rotation ("No API key found"): a new login starts without one.
        using var readState = c.CreateCommand();
        readState.Transaction = tx;
        readState.CommandText = "SELECT value_json FROM config_machine_state WHERE state_key = 'authProfiles.state'";
        if (readState.ExecuteScalar() is string stateJson && JsonNode.Parse(stateJson) is JsonObject state)
        {
            (state["usageStats"] as JsonObject)?.Remove(profileId);
            using var writeState = c.CreateCommand();
            writeState.Transaction = tx;
            writeState.CommandText = "UPDATE config_machine_state SET value_json = $v, updated_at_ms = $t WHERE state_key = 'authProfiles.state'";
            writeState.Parameters.AddWithValue("$v", state.ToJsonString());
            writeState.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            writeState.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>
    /// Moves every retrying announce's <c>delivery.deadlineAt</c> (and <c>windowStartedAt</c>) into the past. Do it
    /// with the gateway STOPPED, then start it again: on restore it gives up at once ("Subagent announce give up
    /// (expiry)"), turning the task into delivery_status failed / terminal_outcome blocked within seconds. Returns
    /// the number of runs changed.
    /// </summary>
    public static int ExpireAnnounceDeadlines(OpenClawHome home, DateTimeOffset deadline)
    {
        using var c = Open(home.StateDatabasePath, readOnly: false);
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            UPDATE subagent_runs
               SET payload_json = json_set(payload_json, '$.delivery.deadlineAt', $d, '$.delivery.windowStartedAt', $d - 1800000)
             WHERE json_extract(payload_json, '$.delivery.deadlineAt') IS NOT NULL
               AND json_extract(payload_json, '$.delivery.status') IN ('pending', 'in_progress')
            """;
        cmd.Parameters.AddWithValue("$d", deadline.ToUnixTimeMilliseconds());
        return cmd.ExecuteNonQuery();
    }

    /// <summary>Rows of any query as JSON objects (column → value), for assertions and fixture capture.</summary>
    public static IReadOnlyList<JsonObject> Query(string path, string sql)
    {
        using var c = Open(path);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<JsonObject>();
        while (r.Read())
        {
            var row = new JsonObject();
            for (var i = 0; i < r.FieldCount; i++)
            {
                row[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i) switch
                {
                    long l => JsonValue.Create(l),
                    double d => JsonValue.Create(d),
                    string s => JsonValue.Create(s),
                    var o => JsonValue.Create(o.ToString()),
                };
            }

            rows.Add(row);
        }

        return rows;
    }
}
