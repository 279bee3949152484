using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tests.Support;

namespace CredWatch.Exporter.Tests.Stores;

public sealed class ReaderTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private Task<StoreSnapshot> ReadAgent(string agent, TimeProvider? time = null) =>
        OpenClawAgentReader.ReadAsync(new StoreLocation(new StoreId(StoreLabels.OpenClaw, agent), _home.AgentDir(agent)), _home.ReadContext(time), CancellationToken.None);

    private Task<StoreSnapshot> ReadClaude(string? identity = null) =>
        ClaudeStoreReader.ReadAsync(new StoreLocation(new StoreId(StoreLabels.ClaudeCli, null), _home.ClaudeCredentials, identity), _home.ReadContext(), CancellationToken.None);

    [Fact]
    public async Task Claude_store_is_read_with_expiries_and_fingerprints_but_no_token()
    {
        var snap = await ReadClaude();
        snap.Up.Should().BeTrue();
        var p = snap.Profiles.Should().ContainSingle().Subject;
        p.AccessExpiresAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(4102444800000));
        p.RefreshExpiresAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(4104950400000));
        p.RefreshFingerprint.Should().Be(_home.Fingerprinter.Of(Tokens.NewRefresh));
        p.Blanked.Should().BeFalse();
        (snap.ToString() + p.ToString()).Should().NotContain("FIXTURE");
    }

    [Fact]
    public async Task Claude_blanked_tokens_are_flagged()
    {
        _home.Write(".claude/.credentials.json", """{"claudeAiOauth":{"accessToken":"","refreshToken":"","expiresAt":0}}""");
        var p = (await ReadClaude()).Profiles.Single();
        p.Blanked.Should().BeTrue();
        p.AccessExpiresAt.Should().BeNull();
        p.RefreshFingerprint.Should().BeNull();
    }

    [Fact]
    public async Task Claude_identity_is_read_from_the_oauthAccount_block_only()
    {
        var big = string.Join(",", Enumerable.Range(0, 2000).Select(i => $$"""{"p{{i}}":{"history":["x","y"]} }"""));
        var identity = _home.Write(".claude.json", $$"""{"projects":[{{big}}],"oauthAccount":{"emailAddress":"ops@example.com","accountUuid":"uuid-1","organizationName":"Org"},"tail":1}""");
        var snap = await ReadClaude(identity);
        snap.Account.Should().Be(new AccountIdentity("ops@example.com", "uuid-1", "Org"));
    }

    [Fact]
    public async Task Codex_expiry_comes_from_the_access_token_jwt()
    {
        var access = Tokens.Jwt("""{"exp":4102444800}""");
        var id = Tokens.Jwt("""{"email":"dev@example.com"}""");
        var path = _home.Write(".codex/auth.json", $$"""{"OPENAI_API_KEY":null,"tokens":{"id_token":"{{id}}","access_token":"{{access}}","refresh_token":"rt_FIXTUREcodexR","account_id":"acc-1"},"last_refresh":"2026-11-01T00:00:00Z"}""");
        var snap = await CodexStoreReader.ReadAsync(new StoreLocation(new StoreId(StoreLabels.CodexCli, null), path), _home.ReadContext(), CancellationToken.None);
        snap.Up.Should().BeTrue();
        var p = snap.Profiles.Single();
        p.AccessExpiresAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(4102444800));
        p.NormalizedProvider.Should().Be("openai-codex");
        snap.Account!.AccountId.Should().Be("acc-1");
        snap.Account.Email.Should().Be("dev@example.com");
    }

    [Fact]
    public async Task OpenClaw_v1_store_keeps_usage_state_as_data()
    {
        var snap = await ReadAgent("hr-bp");
        snap.Layout.Should().Be(StoreLayout.OpenClawJsonV1);
        snap.SchemaVersion.Should().Be(1);
        snap.Usage.LastGood.Should().ContainKey("anthropic").WhoseValue.Should().Be("anthropic:claude-cli");
        var usage = snap.Usage.UsageStats["anthropic:claude-cli"];
        usage.ErrorCount.Should().Be(2);
        usage.FailureCounts.Should().ContainKey("auth").WhoseValue.Should().Be(2);
        usage.LastUsed.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1773395882000));
    }

    [Fact]
    public async Task OpenClaw_json_with_state_file_reads_usage_from_auth_state()
    {
        _home.Write(".openclaw/agents/ops/agent/auth-profiles.json", Tokens.OAuthProfile("anthropic:default", "anthropic", Tokens.OldAccess, Tokens.OldRefresh, 4102444800000));
        _home.Write(".openclaw/agents/ops/agent/auth-state.json", """{"order":{"anthropic":["anthropic:default"]},"lastGood":{"anthropic":"anthropic:default"},"usageStats":{"anthropic:default":{"cooldownUntil":4102444800000,"disabledReason":"billing"}}}""");
        var snap = await ReadAgent("ops");
        snap.Layout.Should().Be(StoreLayout.OpenClawJsonWithState);
        snap.Usage.Order["anthropic"].Should().Equal("anthropic:default");
        snap.Usage.UsageStats["anthropic:default"].DisabledReason.Should().Be("billing");
        snap.Usage.UsageStats["anthropic:default"].CooldownUntil.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(4102444800000));
    }

    [Fact]
    public async Task OpenClaw_sqlite_store_reads_primary_rows_schema_and_updated_at()
    {
        var db = _home.CreateAgentDatabase("sql", Tokens.OAuthProfile("anthropic:default", "anthropic", Tokens.NewAccess, Tokens.NewRefresh, 4102444800000),
            """{"order":{"anthropic":["anthropic:default"]},"lastGood":{"anthropic":"anthropic:default"},"usageStats":{}}""", updatedAtMs: 1795000000000);
        var snap = await ReadAgent("sql");
        snap.Error.Should().BeNull();
        snap.Layout.Should().Be(StoreLayout.OpenClawAgentSqlite);
        snap.SchemaVersion.Should().Be(23);
        snap.UpdatedAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1795000000000));
        snap.Profiles.Single().RefreshFingerprint.Should().Be(_home.Fingerprinter.Of(Tokens.NewRefresh));
        snap.Usage.LastGood["anthropic"].Should().Be("anthropic:default");
        File.Exists(db).Should().BeTrue("the reader never deletes the database or its sidecars");
    }

    [Fact]
    public async Task Sqlite_without_the_store_table_is_an_unsupported_layout()
    {
        var dir = _home.AgentDir("odd");
        Directory.CreateDirectory(dir);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir, OpenClawFiles.AgentDatabase)};Pooling=False"))
        {
            c.Open();
            TempHome.Exec(c, "CREATE TABLE something_else(x)");
        }

        var snap = await ReadAgent("odd");
        snap.Error!.Reason.Should().Be(StoreErrorReasons.UnsupportedLayout);
    }

    [Fact]
    public async Task Truncated_database_is_corrupt_db()
    {
        var db = _home.CreateAgentDatabase("trunc", Tokens.OAuthProfile("anthropic:default", "anthropic", Tokens.NewAccess, Tokens.NewRefresh, 4102444800000));
        File.WriteAllBytes(db, File.ReadAllBytes(db).AsSpan(0, 100).ToArray());
        foreach (var side in new[] { db + "-wal", db + "-shm" })
        {
            File.Delete(side);
        }

        var snap = await ReadAgent("trunc");
        snap.Error!.Reason.Should().Be(StoreErrorReasons.CorruptDb);
    }

    [Fact]
    public async Task Database_locked_exclusively_by_a_writer_is_busy_not_a_crash()
    {
        var db = _home.CreateAgentDatabase("locked", Tokens.OAuthProfile("anthropic:default", "anthropic", Tokens.NewAccess, Tokens.NewRefresh, 4102444800000));
        using var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
        writer.Open();
        TempHome.Exec(writer, "PRAGMA journal_mode = DELETE");
        TempHome.Exec(writer, "PRAGMA locking_mode = EXCLUSIVE");
        TempHome.Exec(writer, "BEGIN EXCLUSIVE");
        TempHome.Exec(writer, "UPDATE auth_profile_store SET updated_at = updated_at + 1");
        var snap = await ReadAgent("locked");
        snap.Error!.Reason.Should().Be(StoreErrorReasons.Busy);
        TempHome.Exec(writer, "COMMIT");
    }

    [Fact]
    public async Task Unknown_auth_files_are_reported_as_unsupported_layout()
    {
        _home.Write(".openclaw/agents/future/agent/auth-profiles.v3.db", "x");
        var snap = await ReadAgent("future");
        snap.Error!.Reason.Should().Be(StoreErrorReasons.UnsupportedLayout);
        snap.Error.Detail.Should().Contain("auth-profiles.v3.db");
    }

    [Theory]
    [InlineData("{\"version\":1,\"profiles\":{\"a:b\":{\"type\":\"oauth\",\"acc", StoreErrorReasons.InvalidJson)]
    [InlineData("[1,2,3]", StoreErrorReasons.SchemaUnknown)]
    [InlineData("{\"version\":1,\"profiles\":[]}", StoreErrorReasons.SchemaUnknown)]
    [InlineData("{\"version\":1,\"profiles\":{\"a:b\":{\"type\":\"oauth\",\"provider\":\"a\",\"expires\":\"soon\"}}}", StoreErrorReasons.SchemaUnknown)]
    [InlineData("{\"version\":7,\"profiles\":{}}", StoreErrorReasons.SchemaUnknown)]
    [InlineData("{\"nothing\":true}", StoreErrorReasons.SchemaUnknown)]
    public async Task Bad_json_is_a_reason_not_a_crash(string content, string reason)
    {
        _home.Write(".openclaw/agents/bad/agent/auth-profiles.json", content);
        var snap = await ReadAgent("bad");
        snap.Up.Should().BeFalse();
        snap.Error!.Reason.Should().Be(reason);
        snap.Error.Detail.Should().NotContain("FIXTURE");
    }

    [Fact]
    public async Task Binary_garbage_is_invalid_utf8()
    {
        _home.WriteBytes(".openclaw/agents/bin/agent/auth-profiles.json", [0x7b, 0xff, 0xfe, 0x00, 0x12, 0x80]);
        (await ReadAgent("bin")).Error!.Reason.Should().Be(StoreErrorReasons.InvalidUtf8);
    }

    [Fact]
    public async Task Oversized_file_is_too_large_without_being_read()
    {
        var path = Path.Combine(_home.AgentDir("huge"), OpenClawFiles.AuthProfiles);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var f = File.Create(path))
        {
            f.SetLength(100L * 1024 * 1024);
        }

        (await ReadAgent("huge")).Error!.Reason.Should().Be(StoreErrorReasons.TooLarge);
    }

    [Fact]
    public async Task Symlink_loop_is_read_failed()
    {
        var dir = _home.AgentDir("loop");
        Directory.CreateDirectory(dir);
        File.CreateSymbolicLink(Path.Combine(dir, "a.json"), Path.Combine(dir, OpenClawFiles.AuthProfiles));
        File.CreateSymbolicLink(Path.Combine(dir, OpenClawFiles.AuthProfiles), Path.Combine(dir, "a.json"));
        var snap = await ReadAgent("loop");
        snap.Error!.Reason.Should().Be(StoreErrorReasons.ReadFailed);
    }

    [Fact]
    public async Task Missing_agent_dir_is_not_found()
    {
        (await ReadAgent("ghost")).Error!.Reason.Should().Be(StoreErrorReasons.NotFound);
        var missing = await ClaudeStoreReader.ReadAsync(new StoreLocation(new StoreId(StoreLabels.ClaudeCli, null), Path.Combine(_home.Root, "nope", ".credentials.json")), _home.ReadContext(), CancellationToken.None);
        missing.Error!.Reason.Should().Be(StoreErrorReasons.NotFound);
    }

    [Fact]
    public async Task Torn_file_is_retried_and_read_once_the_writer_finishes()
    {
        var path = _home.Write(".openclaw/agents/torn/agent/auth-profiles.json", "{\"version\":1,\"prof");
        var ctx = _home.ReadContext() with { Scan = new Configuration.ScanOptions { TornReadRetries = 10 } };
        var read = OpenClawAgentReader.ReadAsync(new StoreLocation(new StoreId(StoreLabels.OpenClaw, "torn"), _home.AgentDir("torn")), ctx, CancellationToken.None);
        await File.WriteAllTextAsync(path, Tokens.OAuthProfile("anthropic:default", "anthropic", Tokens.NewAccess, Tokens.NewRefresh, 4102444800000));
        var snap = await read;
        snap.Error.Should().BeNull();
        snap.Profiles.Should().ContainSingle();
    }
}
