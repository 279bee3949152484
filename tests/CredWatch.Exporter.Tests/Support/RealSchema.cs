using CredWatch.TestSupport;
using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Tests.Support;

/// <summary>
/// Builds OpenClaw databases from the DDL captured from the real 2026.9.6 (tests/fixtures/openclaw-2026.9.6/*.sql:
/// state schema 18, agent schema 23). Schema 7–12 shared-store tables are not in any captured DDL (2026.9.6 has
/// none): they are added in the shape formats §3b gives, on top of the real schema.
/// </summary>
internal static class RealSchema
{
    public static string Dir => Path.Combine(TestPaths.Fixtures, "openclaw-2026.9.6");

    public static string StateDb(TempHome home) => Path.Combine(home.OpenClawState, "state", "openclaw.sqlite");

    /// <summary>The state database; <paramref name="sharedLocation"/> null = no <c>auth.sharedStore</c> row (legacy).</summary>
    public static string CreateStateDb(TempHome home, int userVersion = 18, string? sharedLocation = "state-db", string? storeJson = null, string? stateJson = null, long? updatedAtMs = null, bool withRowsTable = true)
    {
        var path = StateDb(home);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var c = Open(path);
        TempHome.Exec(c, "PRAGMA journal_mode = WAL");
        if (withRowsTable)
        {
            TempHome.Exec(c, Ddl("state-schema.sql"));
        }

        TempHome.Exec(c, $"PRAGMA user_version = {userVersion}");
        var ts = updatedAtMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (sharedLocation is not null)
        {
            Insert(c, "INSERT INTO config_machine_state VALUES ('auth.sharedStore', $j, $t)", $$"""{"location":"{{sharedLocation}}"}""", ts);
        }

        if (userVersion is >= 7 and <= 12)
        {
            TempHome.Exec(c, "CREATE TABLE auth_profile_stores(store_key TEXT PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER NOT NULL)");
            TempHome.Exec(c, "CREATE TABLE auth_profile_state(store_key TEXT PRIMARY KEY, state_json TEXT NOT NULL, updated_at INTEGER NOT NULL)");
            if (storeJson is not null)
            {
                Insert(c, "INSERT INTO auth_profile_stores VALUES ('shared', $j, $t)", storeJson, ts);
            }

            if (stateJson is not null)
            {
                Insert(c, "INSERT INTO auth_profile_state VALUES ('shared', $j, $t)", stateJson, ts);
            }
        }
        else if (withRowsTable)
        {
            if (storeJson is not null)
            {
                Insert(c, "INSERT INTO config_machine_state VALUES ('authProfiles.store', $j, $t)", storeJson, ts);
            }

            if (stateJson is not null)
            {
                Insert(c, "INSERT INTO config_machine_state VALUES ('authProfiles.state', $j, $t)", stateJson, ts);
            }
        }

        return path;
    }

    /// <summary><c>openclaw-agent.sqlite</c> with the real agent DDL and the <c>primary</c> rows.</summary>
    public static string CreateAgentDb(TempHome home, string agent, string? storeJson, string? stateJson = null, long? updatedAtMs = null)
    {
        var dir = home.AgentDir(agent);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "openclaw-agent.sqlite");
        using var c = Open(path);
        TempHome.Exec(c, "PRAGMA journal_mode = WAL");
        TempHome.Exec(c, Ddl("agent-schema.sql"));
        TempHome.Exec(c, "PRAGMA user_version = 23");
        var ts = updatedAtMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (storeJson is not null)
        {
            Insert(c, "INSERT INTO auth_profile_store VALUES ('primary', $j, $t)", storeJson, ts);
        }

        if (stateJson is not null)
        {
            Insert(c, "INSERT INTO auth_profile_state VALUES ('primary', $j, $t)", stateJson, ts);
        }

        return path;
    }

    /// <summary>Replaces the shared store's rows (schema ≥ 13) as the gateway would.</summary>
    public static void WriteSharedStore(string stateDb, string storeJson, long updatedAtMs)
    {
        using var c = Open(stateDb);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT OR REPLACE INTO config_machine_state VALUES ('authProfiles.store', $j, $t)";
        cmd.Parameters.AddWithValue("$j", storeJson);
        cmd.Parameters.AddWithValue("$t", updatedAtMs);
        cmd.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    // sqlite3 .schema lists the internal sqlite_sequence table, which SQLite creates itself and refuses to have created.
    private static string Ddl(string file) => string.Join('\n', File.ReadAllLines(Path.Combine(Dir, file))
        .Where(l => !l.StartsWith("CREATE TABLE sqlite_sequence", StringComparison.Ordinal)));

    private static void Insert(SqliteConnection c, string sql, string json, long ts)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$j", json);
        cmd.Parameters.AddWithValue("$t", ts);
        cmd.ExecuteNonQuery();
    }
}
