using CredWatch.Exporter.Cli;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Stores;

/// <summary>Issue 10 layouts on state dirs built from the real 2026.9.6 DDL (tests/fixtures/openclaw-2026.9.6).</summary>
public sealed class SharedStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    private static readonly long In8h = Now.AddHours(8).ToUnixTimeMilliseconds();
    private static readonly long In1h = Now.AddHours(1).ToUnixTimeMilliseconds();
    private readonly TempHome _home = new(withFixtures: false);
    private readonly FakeTimeProvider _time = new(Now);

    public SharedStoreTests() =>
        _home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.NewAccess, Tokens.NewRefresh, In8h));

    public void Dispose() => _home.Dispose();

    private static StoreId Shared => new(StoreLabels.OpenClawShared, null);

    private static StoreId Agent(string id) => new(StoreLabels.OpenClaw, id);

    private static string Fresh(string id = "anthropic:default") => Tokens.OAuthProfile(id, "anthropic", Tokens.NewAccess, Tokens.NewRefresh, In8h);

    private static string OAuthStore(string id, string provider, string access, string refresh, long expires) =>
        Tokens.OAuthProfile(id, provider, access, refresh, expires);

    // Compact, so the assertions below can look for "name":"value".
    private string StatusJson(RegistryState s) => System.Text.Json.Nodes.JsonNode.Parse(CredWatch.Exporter.Web.StatusDocument.ToUtf8Json(s, [], _time))!.ToJsonString();

    private Task<RegistryState> Scan() => _home.ScanAsync(_time);

    private static ComparisonResult Result(RegistryState s, StoreId store, string id) => s.Comparisons.Single(c => c.Store == store && c.ProfileId == id);

    private string CheckText(RegistryState s)
    {
        var lines = CoreCheckLines.For(s, Now, TimeSpan.FromHours(1));
        var text = CredWatch.Exporter.Reporting.CheckReport.Table(lines.Max(l => l.Severity), lines);
        FixtureSecrets.AssertNoSecret(text, "check output");
        return text;
    }

    [Fact]
    public async Task Legacy_main_shared_store_is_mains_primary_store_reported_once_as_openclaw_shared()
    {
        RealSchema.CreateStateDb(_home, sharedLocation: null);
        RealSchema.CreateAgentDb(_home, "main", Fresh());
        var s = await Scan();
        var shared = s.Stores[Shared].Snapshot;
        shared.Up.Should().BeTrue(shared.Error?.Detail);
        shared.SharedLocation.Should().Be(SharedStoreLocations.LegacyMain);
        shared.Layout.Should().Be(StoreLayout.OpenClawAgentSqlite);
        shared.SchemaVersion.Should().Be(23);
        s.Stores.Should().NotContainKey(Agent("main"), "main's store is the shared store, not a second copy");
        Result(s, Shared, "anthropic:default").State.Should().Be(TokenStates.InSync);
    }

    [Fact]
    public async Task Explicit_legacy_main_row_reads_main_too()
    {
        RealSchema.CreateStateDb(_home, sharedLocation: "legacy-main");
        RealSchema.CreateAgentDb(_home, "main", Fresh());
        var s = await Scan();
        s.Stores[Shared].Snapshot.SharedLocation.Should().Be(SharedStoreLocations.LegacyMain);
        s.Stores[Shared].Snapshot.Profiles.Should().ContainSingle();
    }

    [Theory]
    [InlineData(7)]
    [InlineData(12)]
    public async Task State_db_schema_7_to_12_reads_the_shared_tables(int schema)
    {
        RealSchema.CreateStateDb(_home, userVersion: schema, storeJson: Fresh(), stateJson: """{"lastGood":{"anthropic":"anthropic:default"}}""");
        var s = await Scan();
        var shared = s.Stores[Shared].Snapshot;
        shared.Up.Should().BeTrue(shared.Error?.Detail);
        shared.Layout.Should().Be(StoreLayout.OpenClawStateDbTables);
        shared.SchemaVersion.Should().Be(schema);
        shared.Usage.LastGood["anthropic"].Should().Be("anthropic:default");
        Result(s, Shared, "anthropic:default").State.Should().Be(TokenStates.InSync);
    }

    [Fact]
    public async Task State_db_schema_18_reads_config_machine_state_rows_and_main_has_no_store_of_its_own()
    {
        RealSchema.CreateStateDb(_home, storeJson: Fresh(), stateJson: """{"version":1,"lastGood":{"anthropic":"anthropic:default"}}""", updatedAtMs: Now.AddMinutes(-5).ToUnixTimeMilliseconds());
        Directory.CreateDirectory(_home.AgentDir("main"));
        RealSchema.CreateAgentDb(_home, "ops", """{"version":1,"profiles":{}}""");
        var s = await Scan();
        var shared = s.Stores[Shared].Snapshot;
        shared.Up.Should().BeTrue(shared.Error?.Detail);
        shared.Layout.Should().Be(StoreLayout.OpenClawStateDbRows);
        shared.SchemaVersion.Should().Be(18);
        shared.UpdatedAt.Should().Be(Now.AddMinutes(-5));
        s.Stores.Should().NotContainKey(Agent("main"));
        s.Stores[Agent("ops")].Snapshot.Up.Should().BeTrue();
        CheckText(s).Should().Contain("openclaw-shared").And.Contain("used by agents main, ops");
    }

    [Fact]
    public async Task A_schema_from_the_future_is_read_with_the_newest_reader()
    {
        RealSchema.CreateStateDb(_home, userVersion: 31, storeJson: Fresh());
        var shared = (await Scan()).Stores[Shared].Snapshot;
        shared.Up.Should().BeTrue(shared.Error?.Detail);
        shared.SchemaVersion.Should().Be(31);
    }

    [Fact]
    public async Task A_schema_from_the_future_the_newest_reader_cannot_read_is_unsupported_layout_with_its_number()
    {
        RealSchema.CreateStateDb(_home, userVersion: 31, storeJson: null);
        var s = await Scan();
        var shared = s.Stores[Shared].Snapshot;
        shared.Error!.Reason.Should().Be(StoreErrorReasons.UnsupportedLayout);
        shared.Error.Detail.Should().Contain("31");
        shared.SchemaVersion.Should().Be(31);
        s.Stores[Shared].ErrorCounts[StoreErrorReasons.UnsupportedLayout].Should().Be(1);
    }

    [Fact]
    public async Task A_state_db_shared_store_on_a_schema_too_old_for_it_is_unsupported()
    {
        RealSchema.CreateStateDb(_home, userVersion: 5, storeJson: null);
        var shared = (await Scan()).Stores[Shared].Snapshot;
        shared.Error!.Reason.Should().Be(StoreErrorReasons.UnsupportedLayout);
        shared.Error.Detail.Should().Contain("schema 5");
    }

    [Fact]
    public async Task Truncated_state_database_is_corrupt_db_for_the_shared_store()
    {
        var db = RealSchema.CreateStateDb(_home, storeJson: Fresh());
        File.WriteAllBytes(db, File.ReadAllBytes(db).AsSpan(0, 100).ToArray());
        foreach (var side in new[] { db + "-wal", db + "-shm" })
        {
            File.Delete(side);
        }

        var shared = (await Scan()).Stores[Shared].Snapshot;
        shared.Error!.Reason.Should().Be(StoreErrorReasons.CorruptDb);
        File.Exists(db).Should().BeTrue();
    }

    [Fact]
    public async Task Stale_local_shadow_over_a_healthy_shared_profile_is_stale_and_names_the_copy_in_use()
    {
        RealSchema.CreateStateDb(_home, storeJson: Fresh());
        RealSchema.CreateAgentDb(_home, "ops", Tokens.OAuthProfile("anthropic:default", "anthropic", Tokens.OldAccess, Tokens.OldRefresh, In1h));
        var s = await Scan();
        var local = Result(s, Agent("ops"), "anthropic:default");
        local.State.Should().Be(TokenStates.Stale);
        local.StaleShadow.Should().BeTrue();
        local.Detail.Should().Contain("the agent uses this local copy");
        Result(s, Shared, "anthropic:default").State.Should().Be(TokenStates.InSync);

        var text = CheckText(s);
        text.Should().StartWith("CREDWATCH CRITICAL");
        text.Should().Contain("openclaw/ops anthropic:default").And.Contain("run `openclaw doctor --fix`").And.Contain("agent ops");

        var doc = StatusJson(s);
        doc.Should().Contain("\"uses\":\"local\"").And.Contain("\"staleShadow\":true");
        FixtureSecrets.AssertNoSecret(doc, "/api/status");
    }

    [Fact]
    public async Task An_identical_local_shadow_is_not_stale_and_an_inherited_profile_uses_the_shared_copy()
    {
        RealSchema.CreateStateDb(_home, storeJson: Fresh());
        RealSchema.CreateAgentDb(_home, "ops", Fresh());
        RealSchema.CreateAgentDb(_home, "dev", """{"version":1,"profiles":{}}""");
        var s = await Scan();
        var local = Result(s, Agent("ops"), "anthropic:default");
        local.ShadowsShared.Should().BeTrue();
        local.StaleShadow.Should().BeFalse();
        local.State.Should().Be(TokenStates.InSync);
        var doc = StatusJson(s);
        doc.Should().Contain("\"uses\":\"openclaw-shared\"", "dev has no copy of its own: it inherits the shared one");
    }

    [Fact]
    public async Task The_failed_fence_doctor_wrote_is_relogin_required_with_the_login_command_and_no_expiry()
    {
        // The rows exactly as the real doctor left them (anthropic:old = failed fence).
        var rows = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RealSchema.Dir, "migration", "state-config_machine_state-auth-after-first-doctor.json")))!.AsArray();
        var store = rows.Single(r => r!["state_key"]!.GetValue<string>() == "authProfiles.store")!["value_json"]!.GetValue<string>();
        RealSchema.CreateStateDb(_home, storeJson: store);
        var s = await Scan();
        var fenced = s.Stores[Shared].Snapshot.Profiles.Single(p => p.ProfileId == "anthropic:old");
        fenced.Fence.Should().Be(FenceState.Failed);
        fenced.AccessExpiresAt.Should().BeNull("a fence's expires: 1 is never an expiry");
        var r = Result(s, Shared, "anthropic:old");
        r.State.Should().Be(TokenStates.ReloginRequired);
        CheckText(s).Should().Contain("run `openclaw models auth login --provider anthropic --profile-id 'anthropic:old'`").And.Contain("used by agents main");
    }

    [Theory]
    [InlineData(1, TokenStates.Refreshing)]
    [InlineData(10, TokenStates.RefreshStuck)]
    public async Task A_pending_fence_is_refreshing_then_refresh_stuck_by_row_age(int minutesAgo, string expected)
    {
        var fence = OAuthStore("anthropic:default", "anthropic", Tokens.Fence(Tokens.ClaimA, "access", false), Tokens.Fence(Tokens.ClaimA, "refresh", false), 1);
        RealSchema.CreateStateDb(_home, storeJson: fence, updatedAtMs: Now.AddMinutes(-minutesAgo).ToUnixTimeMilliseconds());
        var s = await Scan();
        Result(s, Shared, "anthropic:default").State.Should().Be(expected);
        if (expected == TokenStates.RefreshStuck)
        {
            CheckText(s).Should().Contain("run `openclaw doctor --fix`, and if the fence stays: `openclaw models auth login --provider anthropic --profile-id 'anthropic:default'`");
        }
    }

    [Fact]
    public async Task A_half_fence_is_an_ordinary_credential()
    {
        var half = OAuthStore("anthropic:default", "anthropic", Tokens.Fence(Tokens.ClaimA, "access", true), Tokens.Fence(Tokens.ClaimB, "refresh", true), 1);
        RealSchema.CreateStateDb(_home, storeJson: half);
        var s = await Scan();
        s.Stores[Shared].Snapshot.Profiles.Single().Fence.Should().Be(FenceState.None);
        Result(s, Shared, "anthropic:default").State.Should().NotBe(TokenStates.Refreshing).And.NotBe(TokenStates.RefreshStuck).And.NotBe(TokenStates.ReloginRequired);
    }

    [Fact]
    public async Task A_stored_claude_cli_profile_on_sqlite_is_passthrough_and_never_critical()
    {
        RealSchema.CreateStateDb(_home, storeJson: """{"version":1,"profiles":{}}""");
        RealSchema.CreateAgentDb(_home, "ops", Tokens.OAuthProfile("anthropic:claude-cli", "claude-cli", Tokens.OldAccess, Tokens.OldRefresh, Now.AddDays(-3).ToUnixTimeMilliseconds()));
        var s = await Scan();
        Result(s, Agent("ops"), "anthropic:claude-cli").State.Should().Be(TokenStates.Passthrough);
        Result(s, new StoreId(StoreLabels.ClaudeCli, null), "default").State.Should().Be(TokenStates.InSync, "the CLI store itself is what is compared");
        CheckText(s).Should().StartWith("CREDWATCH OK");
    }

    [Fact]
    public async Task Openai_oauth_profiles_belong_to_the_codex_source()
    {
        var jwt = Tokens.Jwt("""{"exp":4102444800}""");
        _home.Write(".codex/auth.json", "{\"tokens\":{\"access_token\":\"" + jwt + "\",\"refresh_token\":\"rt_FIXTUREcodexR\",\"account_id\":\"acc-1\"}}");
        RealSchema.CreateStateDb(_home, storeJson: """{"version":1,"profiles":{"openai:default":{"type":"oauth","provider":"openai","access":"x","refresh":"rt_FIXTUREcodexR","expires":4102444800000}}}""");
        var r = Result(await Scan(), Shared, "openai:default");
        r.Source.Should().Be(new StoreId(StoreLabels.CodexCli, null));
        r.State.Should().Be(TokenStates.InSync);
    }

    [Fact]
    public async Task A_live_json_beside_an_agent_database_is_migration_required()
    {
        RealSchema.CreateStateDb(_home, storeJson: """{"version":1,"profiles":{}}""");
        RealSchema.CreateAgentDb(_home, "ops", Fresh());
        _home.Write(".openclaw/agents/ops/agent/auth-profiles.json", Fresh());
        var s = await Scan();
        Result(s, Agent("ops"), "anthropic:default").State.Should().Be(TokenStates.MigrationRequired);
        var text = CheckText(s);
        text.Should().StartWith("CREDWATCH CRITICAL");
        text.Should().Contain("migration_required: OpenClaw refuses this store").And.Contain("run `openclaw doctor --fix` (agent ops)");
    }

    [Fact]
    public async Task A_live_json_in_main_under_a_state_db_shared_store_is_migration_required()
    {
        RealSchema.CreateStateDb(_home, storeJson: Fresh());
        _home.Write(".openclaw/agents/main/agent/auth-profiles.json", """{"version":1,"profiles":{"openrouter:default":{"type":"api_key","provider":"openrouter","key":"sk-or-v1-FIXTUREapikey000000000000000000"}}}""");
        var s = await Scan();
        s.Stores[Agent("main")].Snapshot.MigrationRequiredBy.Should().EndWith("auth-profiles.json");
        CheckText(s).Should().Contain("openclaw/main").And.Contain("run `openclaw doctor --fix` (agent main)");
    }

    [Fact]
    public async Task An_archive_holding_a_discarded_re_sign_in_is_reported_and_left_untouched()
    {
        var rows = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RealSchema.Dir, "migration", "state-config_machine_state-auth-after-second-doctor.json")))!.AsArray();
        var store = rows.Single(r => r!["state_key"]!.GetValue<string>() == "authProfiles.store")!["value_json"]!.GetValue<string>();
        var at = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1795575169700).AddMinutes(1));
        RealSchema.CreateStateDb(_home, storeJson: store, updatedAtMs: 1795575169700);
        var dir = _home.AgentDir("main");
        Directory.CreateDirectory(dir);
        var name = "auth-profiles.json.migrated-2026-11-25T02-52-48.833Z-d6f664ee-9630-42b4-8e63-0b20379c9b50";
        var archive = Path.Combine(dir, name);
        File.Copy(Path.Combine(RealSchema.Dir, "migration", name), archive);

        // The first migration's archive: the expired login doctor turned into the fence. Not a re-sign-in.
        File.WriteAllText(Path.Combine(dir, "auth-profiles.json.migrated-2026-11-25T02-51-59.781Z-cfb1f294-0970-4874-8018-4b2906c9878e"),
            Tokens.OAuthProfile("anthropic:old", "anthropic", Tokens.OldAccess, Tokens.OldRefresh, 1795570000000));
        var before = File.ReadAllBytes(archive);

        var s = await _home.ScanAsync(at);
        var ignored = s.Stores[Shared].Snapshot.IgnoredResignIns.Should().ContainSingle().Subject;
        ignored.ProfileId.Should().Be("anthropic:old");
        ignored.ArchivePath.Should().Be(archive);
        ignored.ArchivedExpiresAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1795603955000));
        File.ReadAllBytes(archive).Should().Equal(before);
        s.Stores.Should().NotContainKey(Agent("main"));

        var lines = CoreCheckLines.For(s, at.GetUtcNow(), TimeSpan.FromHours(1));
        var text = CredWatch.Exporter.Reporting.CheckReport.Table(lines.Max(l => l.Severity), lines);
        FixtureSecrets.AssertNoSecret(text, "check");
        text.Should().Contain("ignored re-sign-in").And.Contain("openclaw models auth login --provider anthropic --profile-id 'anthropic:old'").And.Contain("used by agents main");
    }

    [Fact]
    public void Archive_names_of_both_generations_are_recognised_with_their_time()
    {
        MigrationArchives.ArchivedAt("auth-profiles.json.migrated-2026-11-25T02-52-48.833Z-d6f664ee-9630-42b4-8e63-0b20379c9b50")
            .Should().Be(new DateTimeOffset(2026, 11, 25, 2, 52, 48, 833, TimeSpan.Zero));
        MigrationArchives.ArchivedAt("auth-profiles.json.sqlite-import.1795575169700.bak").Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1795575169700));
        MigrationArchives.IsArchive("auth-profiles.json").Should().BeFalse();
    }
}
