using System.Text;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using CredWatch.Exporter.OpenClaw;

namespace CredWatch.Exporter.Tests.Stores;

/// <summary>
/// The cold-scan fast paths (parallel reads, the one-statement agent database read, open-first file reads) must
/// give exactly what reading each store in turn gives, broken stores included; and start-up logging stays readable.
/// </summary>
public sealed class ColdScanTests : IDisposable
{
    private const long Far = 4102444800000;
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private StoreScanner Scanner(int parallelism) =>
        new(Microsoft.Extensions.Options.Options.Create(_home.Options()), _home.Installation(), _home.Fingerprinter, TimeProvider.System) { MaxParallelism = parallelism };

    [Fact]
    public async Task Parallel_scan_of_a_mixed_home_with_broken_stores_equals_reading_each_store_in_turn()
    {
        BuildMixedHome();
        var (discovery, parallel) = await Scanner(8).ScanAsync(CancellationToken.None);

        var ctx = new ReadContext(_home.Fingerprinter, _home.Options().Scan, TimeProvider.System);
        var inTurn = new List<StoreSnapshot>();
        foreach (var location in discovery.Stores)
        {
            inTurn.Add(await StoreScanner.ReadOneAsync(location, ctx, CancellationToken.None));
        }

        var sequential = OpenClawLayouts.Resolve(discovery, inTurn, _home.Fingerprinter);
        parallel.Select(Describe).Should().Equal(sequential.Select(Describe));

        // The home really is mixed: every layout and the broken cases are in the comparison above.
        var reasons = parallel.Where(s => s.Error is not null).Select(s => s.Error!.Reason).ToHashSet();
        reasons.Should().Contain([StoreErrorReasons.InvalidJson, StoreErrorReasons.InvalidUtf8, StoreErrorReasons.ReadFailed, StoreErrorReasons.CorruptDb,
            StoreErrorReasons.UnsupportedLayout, StoreErrorReasons.NotFound]);
        parallel.Where(s => s.Up).Select(s => s.Layout).Should().Contain([StoreLayout.OpenClawJsonV1, StoreLayout.OpenClawJsonWithState, StoreLayout.OpenClawAgentSqlite]);
        FixtureSecrets.AssertNoSecret(string.Join("\n", parallel.Select(Describe)), "snapshots");
    }

    [Fact]
    public async Task Agent_database_without_the_state_table_is_read_table_by_table()
    {
        var dir = _home.AgentDir("nostate");
        Directory.CreateDirectory(dir);
        using (var c = new SqliteConnection($"Data Source={Path.Combine(dir, OpenClawFiles.AgentDatabase)};Pooling=False"))
        {
            c.Open();
            TempHome.Exec(c, "PRAGMA journal_mode = WAL");
            TempHome.Exec(c, "CREATE TABLE auth_profile_store(store_key TEXT PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER NOT NULL)");
            TempHome.Exec(c, "PRAGMA user_version = 21");
            using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO auth_profile_store VALUES ('primary', $j, 1795000000000)";
            cmd.Parameters.AddWithValue("$j", Tokens.OAuthProfile("anthropic:default", "anthropic", Tokens.NewAccess, Tokens.NewRefresh, Far));
            cmd.ExecuteNonQuery();
        }

        var snap = await ReadAgent("nostate");
        snap.Error.Should().BeNull();
        snap.SchemaVersion.Should().Be(21);
        snap.UpdatedAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1795000000000));
        snap.Profiles.Single().RefreshFingerprint.Should().Be(_home.Fingerprinter.Of(Tokens.NewRefresh));
        snap.Usage.LastGood.Should().BeEmpty();
    }

    [Fact]
    public async Task Committed_wal_frames_are_read_while_the_writer_keeps_the_database_open_and_the_writer_is_never_held_up()
    {
        var db = _home.CreateAgentDatabase("live", Tokens.OAuthProfile("anthropic:default", "anthropic", Tokens.OldAccess, Tokens.OldRefresh, Far - 1), updatedAtMs: 1);
        using var writer = new SqliteConnection($"Data Source={db};Pooling=False");
        writer.Open();
        TempHome.Exec(writer, "PRAGMA wal_autocheckpoint = 0");
        using (var update = writer.CreateCommand())
        {
            update.CommandText = "UPDATE auth_profile_store SET store_json = $j, updated_at = 2 WHERE store_key = 'primary'";
            update.Parameters.AddWithValue("$j", Tokens.OAuthProfile("anthropic:default", "anthropic", Tokens.NewAccess, Tokens.NewRefresh, Far));
            update.ExecuteNonQuery();
        }

        new FileInfo(db + "-wal").Length.Should().BeGreaterThan(0, "the new row lives only in the WAL");
        var snap = await ReadAgent("live");
        snap.Error.Should().BeNull();
        snap.Profiles.Single().RefreshFingerprint.Should().Be(_home.Fingerprinter.Of(Tokens.NewRefresh));
        snap.UpdatedAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(2));

        // CredWatch's connection is closed and left no lock behind: the gateway's next write transaction starts at once.
        TempHome.Exec(writer, "PRAGMA busy_timeout = 0");
        TempHome.Exec(writer, "BEGIN IMMEDIATE");
        TempHome.Exec(writer, "COMMIT");
        new FileInfo(db + "-wal").Length.Should().BeGreaterThan(0, "CredWatch never checkpoints the gateway's WAL");
    }

    [Fact]
    public async Task A_scan_making_many_copies_stale_logs_one_summary_line_and_each_credential_at_debug()
    {
        using var home = new TempHome(withFixtures: false);
        const int copies = StoreMonitor.SummaryThreshold + 5;
        BuildStaleCopies(home, copies);
        var (monitor, logs) = Monitor(home);
        await monitor.ScanOnceAsync(CancellationToken.None);

        var lines = logs.Text.Split('\n');
        lines.Where(l => l.Contains("[1013]", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().StartWith("Warning").And.Contain($"{copies} credentials in {copies} stores need attention ({copies} stale)");
        lines.Count(l => l.StartsWith("Debug", StringComparison.Ordinal) && l.Contains("[1003]", StringComparison.Ordinal) && l.Contains(" is stale: ", StringComparison.Ordinal))
            .Should().Be(copies, "the per-credential event stays available at Debug");
        lines.Should().NotContain(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("[1003]", StringComparison.Ordinal));
        lines.Where(l => l.Contains("[1012]", StringComparison.Ordinal)).Should().ContainSingle().Which.Should().StartWith("Information");
        FixtureSecrets.AssertNoSecret(logs.Text, "store monitor log");
    }

    [Fact]
    public async Task A_scan_making_a_few_copies_stale_logs_one_warning_per_credential()
    {
        using var home = new TempHome(withFixtures: false);
        BuildStaleCopies(home, 2);
        var (monitor, logs) = Monitor(home);
        await monitor.ScanOnceAsync(CancellationToken.None);

        var lines = logs.Text.Split('\n');
        lines.Count(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("[1003]", StringComparison.Ordinal) && l.Contains(" is stale: ", StringComparison.Ordinal)).Should().Be(2);
        lines.Should().NotContain(l => l.Contains("[1013]", StringComparison.Ordinal) || l.Contains("[1012]", StringComparison.Ordinal));
        FixtureSecrets.AssertNoSecret(logs.Text, "store monitor log");
    }

    [Fact]
    public async Task Pooled_fingerprints_equal_one_shot_hmac_so_persisted_history_stays_valid()
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var fingerprinter = new Fingerprinter(key);
        string Expected(string token) => Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(token)));
        var tokens = Enumerable.Range(0, 200).Select(i => Tokens.Refresh("P" + i) + new string('x', i * 13)).ToList();
        var results = await Task.WhenAll(tokens.Select(t => Task.Run(() => (t, fingerprinter.Of(t).Hex, fingerprinter.OfBytes(Encoding.UTF8.GetBytes(t))))));
        foreach (var (token, hex, bytesHex) in results)
        {
            hex.Should().Be(Expected(token));
            bytesHex.Should().Be(Expected(token));
        }

        fingerprinter.Of(new string('y', 5000)).Hex.Should().Be(Expected(new string('y', 5000)), "tokens longer than the stack buffer take the pooled path");
    }

    private Task<StoreSnapshot> ReadAgent(string agent) =>
        OpenClawAgentReader.ReadAsync(new StoreLocation(new StoreId(StoreLabels.OpenClaw, agent), _home.AgentDir(agent)), _home.ReadContext(), CancellationToken.None);

    private static (StoreMonitor Monitor, CapturingLoggerProvider Logs) Monitor(TempHome home)
    {
        var logs = new CapturingLoggerProvider();
        var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var options = Microsoft.Extensions.Options.Options.Create(home.Options());
        var scanner = new StoreScanner(options, home.Installation(configured: options.Value.Stores.OpenClawStateDir), home.Fingerprinter, TimeProvider.System);
        var registry = new StoreRegistry(TokenComparer.Create(home.Options()), FingerprintHistory.InMemory(), TimeProvider.System);
        return (new StoreMonitor(scanner, registry, home.Fingerprinter, options, TimeProvider.System, factory.CreateLogger<StoreMonitor>()), logs);
    }

    // Claude CLI copies in auth-profiles.json with older tokens than the CLI's own store: stale (the bench's home, small).
    private static void BuildStaleCopies(TempHome home, int copies)
    {
        home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.NewAccess, Tokens.NewRefresh, Far));
        for (var i = 0; i < copies; i++)
        {
            home.Write($".openclaw/agents/copy-{i:D3}/agent/auth-profiles.json",
                Tokens.OAuthProfile("anthropic:claude-cli", "claude-cli", Tokens.Access("OLD" + i), Tokens.Refresh("OLD" + i), Far - 1000 - i));
        }
    }

    private void BuildMixedHome()
    {
        for (var i = 0; i < 12; i++)
        {
            var profile = Tokens.OAuthProfile("anthropic:claude-cli", "claude-cli", Tokens.Access("J" + i), Tokens.Refresh("J" + i), Far - i);
            switch (i % 3)
            {
                case 0:
                    _home.Write($".openclaw/agents/json-{i:D2}/agent/auth-profiles.json", profile);
                    break;
                case 1:
                    _home.Write($".openclaw/agents/json-{i:D2}/agent/auth-profiles.json", profile);
                    _home.Write($".openclaw/agents/json-{i:D2}/agent/auth-state.json", """{"lastGood":{"anthropic":"anthropic:claude-cli"},"usageStats":{"anthropic:claude-cli":{"lastUsed":1773395882000}}}""");
                    break;
                default:
                    _home.CreateAgentDatabase($"db-{i:D2}", profile, """{"order":{"anthropic":["anthropic:claude-cli"]}}""", updatedAtMs: 1795000000000 + i);
                    break;
            }
        }

        var bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Tokens.OAuthProfile("anthropic:bom", "anthropic", Tokens.Access("BOM"), Tokens.Refresh("BOM"), Far))).ToArray();
        _home.WriteBytes(".openclaw/agents/bom/agent/auth-profiles.json", bom);
        _home.Write(".openclaw/agents/torn/agent/auth-profiles.json", """{"version":1,"profiles":{"anthropic:x":{"type":"oauth","refr""");
        _home.WriteBytes(".openclaw/agents/binary/agent/auth-profiles.json", [0x7B, 0x00, 0xFF, 0xFE, 0x01]);
        _home.WriteBytes(".openclaw/agents/latin1/agent/auth-profiles.json", [0x7B, 0x22, 0xE9, 0x22, 0x3A, 0x31, 0x7D]);
        Directory.CreateDirectory(Path.Combine(_home.AgentDir("dirfile"), OpenClawFiles.AuthProfiles));
        Directory.CreateDirectory(_home.AgentDir("dangling"));
        File.CreateSymbolicLink(Path.Combine(_home.AgentDir("dangling"), OpenClawFiles.AuthProfiles), Path.Combine(_home.Root, "nowhere.json"));
        Directory.CreateDirectory(_home.AgentDir("loop"));
        var loop = Path.Combine(_home.AgentDir("loop"), OpenClawFiles.AuthProfiles);
        File.CreateSymbolicLink(loop, loop);
        Directory.CreateDirectory(_home.AgentDir("empty"));
        _home.Write(".openclaw/agents/unknown/agent/auth.db", "not a store");
        var truncated = _home.CreateAgentDatabase("truncated", Tokens.OAuthProfile("anthropic:t", "anthropic", Tokens.Access("T"), Tokens.Refresh("T"), Far));
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated).AsSpan(0, 100).ToArray());
        File.Delete(truncated + "-wal");
        File.Delete(truncated + "-shm");
        var odd = Path.Combine(_home.AgentDir("odd"), OpenClawFiles.AgentDatabase);
        Directory.CreateDirectory(_home.AgentDir("odd"));
        using var c = new SqliteConnection($"Data Source={odd};Pooling=False");
        c.Open();
        TempHome.Exec(c, "CREATE TABLE something_else(x)");
    }

    // Everything a snapshot says except when it was read.
    private static string Describe(StoreSnapshot s) =>
        $"{s.Id} {s.Path} {s.Layout} {s.Error} {s.SchemaVersion} {s.UpdatedAt:O} {s.ContentVersion} {s.MigrationRequiredBy} {s.SharedLocation} "
        + $"[{string.Join("; ", s.Profiles)}] order={string.Join(",", s.Usage.Order.Select(o => o.Key + ":" + string.Join("/", o.Value)))} "
        + $"lastGood={string.Join(",", s.Usage.LastGood)} stats={string.Join(",", s.Usage.UsageStats.Keys)} ignored={s.IgnoredResignIns.Count}";
}
