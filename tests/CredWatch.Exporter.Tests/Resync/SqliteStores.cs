using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>Builds a per-agent <c>openclaw-agent.sqlite</c> shaped like 2026.9.6's (WAL, STRICT tables, user_version 23).</summary>
internal static class SqliteStores
{
    public static void Create(string path, string storeJson)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA user_version = 23;
            CREATE TABLE auth_profile_store(store_key TEXT PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER NOT NULL) STRICT;
            CREATE TABLE auth_profile_state(state_key TEXT PRIMARY KEY, state_json TEXT NOT NULL, updated_at INTEGER NOT NULL) STRICT;
            INSERT INTO auth_profile_store VALUES ('primary', $json, 1);
            INSERT INTO auth_profile_state VALUES ('primary', '{"lastGood":{}}', 1);
            """;
        cmd.Parameters.AddWithValue("$json", storeJson);
        cmd.ExecuteNonQuery();
    }

    public static string Read(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT store_json FROM auth_profile_store WHERE store_key = 'primary'";
        return (string)cmd.ExecuteScalar()!;
    }
}
