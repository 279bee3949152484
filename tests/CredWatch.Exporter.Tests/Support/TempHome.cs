using System.Text;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using CredWatch.TestSupport;
using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Tests.Support;

/// <summary>A throw-away home directory (optionally seeded with the committed fixture home) plus helpers to build stores.</summary>
internal sealed class TempHome : IDisposable
{
    public TempHome(bool withFixtures = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "cw-test-" + Guid.NewGuid().ToString("N")[..12]);
        Home = Path.Combine(Root, "home");
        StateDir = Path.Combine(Root, "state");
        Directory.CreateDirectory(Home);
        if (withFixtures)
        {
            CopyDir(TestPaths.FixtureHome, Home);
        }
    }

    public string Root { get; }

    public string Home { get; }

    public string StateDir { get; }

    public string OpenClawState => Path.Combine(Home, ".openclaw");

    public string AgentDir(string agent) => Path.Combine(OpenClawState, "agents", agent, "agent");

    public string ClaudeCredentials => Path.Combine(Home, ".claude", ".credentials.json");

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Home, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string relative, byte[] content)
    {
        var path = Path.Combine(Home, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Replaces a file the way OpenClaw does: write a temp file, then rename over the target.</summary>
    public void AtomicReplace(string path, string content)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Creates <c>openclaw-agent.sqlite</c> in the 2026.9.x shape.</summary>
    public string CreateAgentDatabase(string agent, string? storeJson, string? stateJson = null, long? updatedAtMs = null, int userVersion = 23)
    {
        var dir = AgentDir(agent);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, OpenClawFiles.AgentDatabase);
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        Exec(c, "PRAGMA journal_mode = WAL");
        Exec(c, "CREATE TABLE auth_profile_store(store_key TEXT PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER NOT NULL) STRICT");
        Exec(c, "CREATE TABLE auth_profile_state(state_key TEXT PRIMARY KEY, state_json TEXT NOT NULL, updated_at INTEGER NOT NULL) STRICT");
        Exec(c, "CREATE TABLE schema_meta(meta_key TEXT PRIMARY KEY, role TEXT, schema_version INTEGER, agent_id TEXT, app_version TEXT, created_at INTEGER, updated_at INTEGER)");
        Exec(c, $"PRAGMA user_version = {userVersion}");
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

    public static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static void Insert(SqliteConnection c, string sql, string json, long ts)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$j", json);
        cmd.Parameters.AddWithValue("$t", ts);
        cmd.ExecuteNonQuery();
    }

    public CredWatchOptions Options() => new() { Home = Home, StateDir = StateDir };

    /// <summary>An environment with no CLAUDE_CONFIG_DIR/CODEX_HOME/OPENCLAW_* set, rooted at this home.</summary>
    public PathEnvironment Environment(IReadOnlyDictionary<string, string>? vars = null) =>
        new(Home, name => vars is not null && vars.TryGetValue(name, out var v) ? v : null);

    /// <summary>The OpenClaw installation of this home (<paramref name="configured"/> = CredWatch:Stores:OpenClawStateDir).</summary>
    public OpenClawInstallation Installation(IReadOnlyDictionary<string, string>? vars = null, string? configured = null) => new(configured, Environment(vars));

    public ReadContext ReadContext(TimeProvider? time = null) =>
        new(Fingerprinter, new ScanOptions { TornReadRetries = 1 }, time ?? TimeProvider.System);

    public Fingerprinter Fingerprinter { get; } = Fingerprinter.CreateEphemeral();

    /// <summary>Discover + read + compare, in-process.</summary>
    public async Task<RegistryState> ScanAsync(TimeProvider? time = null, FingerprintHistory? history = null, CredWatchOptions? options = null)
    {
        var opts = options ?? Options();
        var clock = time ?? TimeProvider.System;
        var scanner = new StoreScanner(Microsoft.Extensions.Options.Options.Create(opts), Installation(configured: opts.Stores.OpenClawStateDir), Fingerprinter, clock);
        var registry = new StoreRegistry(TokenComparer.Create(opts), history ?? FingerprintHistory.InMemory(), clock);
        var (discovery, snaps) = await scanner.ScanAsync(CancellationToken.None);
        return registry.Apply(snaps, discovery.OpenClawStateDir).State;
    }

    private static void CopyDir(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
