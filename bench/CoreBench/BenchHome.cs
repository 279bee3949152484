using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CoreBench;

/// <summary>
/// A generated home: N OpenClaw agent stores (70 % auth-profiles.json, 30 % SQLite) plus a Claude store, as the
/// 1,000-agent benchmark of issues 2/6 describes. Deleted on dispose.
/// </summary>
internal sealed class BenchHome : IDisposable
{
    private BenchHome(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string Home => Path.Combine(Root, "home");

    public string StateDir(string name) => Path.Combine(Root, "state-" + name);

    public static BenchHome Create(int agents)
    {
        var home = new BenchHome(Path.Combine(Path.GetTempPath(), "cw-bench-" + Guid.NewGuid().ToString("N")[..8]));
        Build(home.Home, agents);
        return home;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Writes the stores under <paramref name="home"/> (ScanBench builds its own root with it).</summary>
    public static void Build(string home, int agents)
    {
        Directory.CreateDirectory(Path.Combine(home, ".claude"));
        File.WriteAllText(Path.Combine(home, ".claude", ".credentials.json"),
            """{"claudeAiOauth":{"accessToken":"sk-ant-oat01-BENCHsrc","refreshToken":"sk-ant-ort01-BENCHsrc","expiresAt":4102444800000}}""");
        for (var i = 0; i < agents; i++)
        {
            var dir = Path.Combine(home, ".openclaw", "agents", "agent-" + i.ToString("D4", CultureInfo.InvariantCulture), "agent");
            Directory.CreateDirectory(dir);
            var tag = i % 3 == 0 ? "src" : "old" + i.ToString(CultureInfo.InvariantCulture);
            var json = "{\"version\":1,\"profiles\":{\"anthropic:claude-cli\":{\"type\":\"oauth\",\"provider\":\"claude-cli\",\"access\":\"sk-ant-oat01-BENCH" + tag
                + "\",\"refresh\":\"sk-ant-ort01-BENCH" + tag + "\",\"expires\":" + (4102444800000 - i) + "},\"openrouter:default\":{\"type\":\"api_key\",\"provider\":\"openrouter\",\"key\":\"sk-or-BENCH\"}},"
                + "\"lastGood\":{\"anthropic\":\"anthropic:claude-cli\"},\"usageStats\":{\"anthropic:claude-cli\":{\"lastUsed\":1773395882000,\"errorCount\":0}}}";
            if (i % 10 < 7)
            {
                File.WriteAllText(Path.Combine(dir, "auth-profiles.json"), json);
                continue;
            }

            using var c = new SqliteConnection($"Data Source={Path.Combine(dir, "openclaw-agent.sqlite")};Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE auth_profile_store(store_key TEXT PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER NOT NULL);"
                + "CREATE TABLE auth_profile_state(state_key TEXT PRIMARY KEY, state_json TEXT NOT NULL, updated_at INTEGER NOT NULL); PRAGMA user_version = 23;"
                + "INSERT INTO auth_profile_store VALUES ('primary', $j, 1795000000000);";
            cmd.Parameters.AddWithValue("$j", json);
            cmd.ExecuteNonQuery();
        }
    }
}
