using CredWatch.Exporter.AlertMapping;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tasks;
using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.Tests.Tasks;
using Microsoft.Extensions.Time.Testing;
using CredWatch.Exporter.OpenClaw;

namespace CredWatch.Exporter.Tests.Quiet;

/// <summary>Absent is not broken; OpenClaw's own logins are not copies; check's precedence; no ledger is not a broken ledger.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PresenceAndOwnLoginTests : IDisposable
{
    private const long Future = 4102444800000;
    private readonly TempHome _home = new(withFixtures: false);

    public void Dispose() => _home.Dispose();

    private sealed class Scans(TempHome home, CredWatchOptions? options = null)
    {
        private readonly CredWatchOptions _options = options ?? home.Options();
        private readonly FingerprintHistory _history = FingerprintHistory.InMemory();
        private StoreRegistry? _registry;

        public async Task<RegistryState> NextAsync()
        {
            var scanner = new StoreScanner(Microsoft.Extensions.Options.Options.Create(_options), home.Installation(configured: _options.Stores.OpenClawStateDir), home.Fingerprinter, TimeProvider.System);
            _registry ??= new StoreRegistry(TokenComparer.Create(_options), _history, TimeProvider.System);
            var (discovery, snaps) = await scanner.ScanAsync(CancellationToken.None);
            return _registry.Apply(snaps, discovery.OpenClawStateDir).State;
        }
    }

    private static StoreEntry Store(RegistryState s, string store, string? agent = null) => s.Stores[new StoreId(store, agent)];

    private void SqliteAgent(string agent, string profileId, string provider, string tag) =>
        _home.CreateAgentDatabase(agent, Tokens.OAuthProfile(profileId, provider, Tokens.Access(tag), Tokens.Refresh(tag), Future));

    [Fact]
    public async Task A_CLI_that_is_not_installed_is_absent_counts_no_error_and_alerts_nothing()
    {
        _home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.Access("c"), Tokens.Refresh("c"), Future));
        SqliteAgent("main", "anthropic:default", "anthropic", "own");
        var scans = new Scans(_home);
        await scans.NextAsync();
        var s = await scans.NextAsync();

        var codex = Store(s, StoreLabels.CodexCli);
        codex.Snapshot.Absent.Should().BeTrue();
        codex.Snapshot.Present.Should().BeFalse();
        codex.ErrorCounts.Values.Should().OnlyContain(v => v == 0);
        codex.FailedScans.Should().Be(0);
        StoreAlertMapper.Map(s, DateTimeOffset.UtcNow, TimeSpan.FromHours(1)).Should().BeEmpty();
        var lines = CoreCheckLines.For(s, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        CheckSeverities.Worst(lines.Select(l => l.Severity)).Should().Be(CheckSeverity.Ok, string.Join("\n", lines.Select(l => l.Message)));
        lines.Should().Contain(l => l.Subject == "codex-cli" && l.Message.StartsWith("absent:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenClaws_own_login_is_own_login_not_an_unrelated_mismatch()
    {
        _home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.Access("cli"), Tokens.Refresh("cli"), Future));
        SqliteAgent("main", "anthropic:default", "anthropic", "own");
        var s = await new Scans(_home).NextAsync();

        var own = s.Comparisons.Single(c => c.ProfileId == "anthropic:default");
        own.State.Should().Be(TokenStates.OwnLogin);
        own.FingerprintMismatch.Should().BeNull("an own login is never compared, so it never raises a mismatch");
        own.Detail.Should().Contain("own login");
        CoreCheckLines.For(s, DateTimeOffset.UtcNow, TimeSpan.FromHours(1)).Single(l => l.Subject.EndsWith("anthropic:default", StringComparison.Ordinal))
            .Severity.Should().Be(CheckSeverity.Ok);
    }

    [Fact]
    public async Task A_profile_sharing_the_sources_token_is_a_copy_whatever_its_id()
    {
        _home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.Access("same"), Tokens.Refresh("same"), Future));
        SqliteAgent("main", "anthropic:default", "anthropic", "same");
        var s = await new Scans(_home).NextAsync();

        s.Comparisons.Single(c => c.ProfileId == "anthropic:default").State.Should().Be(TokenStates.InSync);
    }

    [Fact]
    public async Task A_missing_source_with_a_copy_of_it_is_not_found_and_alerted()
    {
        // The seed's danger: OpenClaw holds a Claude CLI copy, and the Claude CLI store is gone.
        _home.Write(".openclaw/agents/main/agent/auth-profiles.json",
            Tokens.OAuthProfile("anthropic:claude-cli", "anthropic", Tokens.Access("cp"), Tokens.Refresh("cp"), Future));
        var scans = new Scans(_home);
        RegistryState s = RegistryState.Empty;
        for (var i = 0; i < 3; i++)
        {
            s = await scans.NextAsync();
        }

        var claude = Store(s, StoreLabels.ClaudeCli);
        claude.Snapshot.Absent.Should().BeFalse();
        claude.ErrorCounts[StoreErrorReasons.NotFound].Should().Be(3);
        Store(s, StoreLabels.CodexCli).Snapshot.Absent.Should().BeTrue("no Codex copy exists");
        StoreAlertMapper.Map(s, DateTimeOffset.UtcNow, TimeSpan.FromHours(1), confirmScans: 3)
            .Should().ContainSingle(c => c.Key == "store_unreadable/claude-cli").Which.Text.Should().Contain("copies");
        CoreCheckLines.For(s, DateTimeOffset.UtcNow, TimeSpan.FromHours(1)).Should().Contain(l => l.Subject == "claude-cli" && l.Severity == CheckSeverity.Critical);
    }

    [Fact]
    public async Task A_configured_store_that_is_missing_is_an_error()
    {
        var options = _home.Options();
        options.Stores.CodexAuth = Path.Combine(_home.Home, "elsewhere", "auth.json");
        var s = await new Scans(_home, options).NextAsync();

        var codex = Store(s, StoreLabels.CodexCli);
        codex.Snapshot.Absent.Should().BeFalse();
        codex.Snapshot.Explicit.Should().BeTrue();
        codex.ErrorCounts[StoreErrorReasons.NotFound].Should().Be(1);
    }

    [Fact]
    public async Task A_store_that_vanishes_is_an_error_not_absent()
    {
        _home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.Access("v"), Tokens.Refresh("v"), Future));
        var scans = new Scans(_home);
        (await scans.NextAsync()).Stores[new StoreId(StoreLabels.ClaudeCli, null)].Snapshot.Up.Should().BeTrue();
        File.Delete(_home.ClaudeCredentials);

        var claude = Store(await scans.NextAsync(), StoreLabels.ClaudeCli);
        claude.Snapshot.Absent.Should().BeFalse();
        claude.EverPresent.Should().BeTrue();
        claude.FailedScans.Should().Be(1);
        claude.ErrorCounts[StoreErrorReasons.NotFound].Should().Be(1);
    }

    [Fact]
    public async Task A_database_caught_mid_creation_alerts_only_after_the_confirmation_window()
    {
        _home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.Access("m"), Tokens.Refresh("m"), Future));
        // What `openclaw gateway run` leaves for a moment: the agent database exists, its tables do not yet.
        var db = Path.Combine(_home.AgentDir("main"), OpenClawFiles.AgentDatabase);
        Directory.CreateDirectory(_home.AgentDir("main"));
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + db + ";Pooling=False"))
        {
            c.Open();
            TempHome.Exec(c, "PRAGMA user_version = 0");
            TempHome.Exec(c, "CREATE TABLE other(x)");
        }

        var scans = new Scans(_home);
        var first = await scans.NextAsync();
        Store(first, StoreLabels.OpenClaw, "main").Snapshot.Up.Should().BeFalse("the metrics show it at once");
        StoreAlertMapper.Map(first, DateTimeOffset.UtcNow, TimeSpan.FromHours(1), confirmScans: 3).Should().BeEmpty();

        File.Delete(db);
        _home.CreateAgentDatabase("main", Tokens.OAuthProfile("anthropic:default", "anthropic", Tokens.Access("own"), Tokens.Refresh("own"), Future));
        var healed = await scans.NextAsync();
        Store(healed, StoreLabels.OpenClaw, "main").FailedScans.Should().Be(0);
        StoreAlertMapper.Map(healed, DateTimeOffset.UtcNow, TimeSpan.FromHours(1), confirmScans: 3).Should().BeEmpty();
    }

    [Fact]
    public void Check_precedence_is_critical_warning_unknown_ok()
    {
        CheckSeverities.Worst([CheckSeverity.Unknown, CheckSeverity.Critical, CheckSeverity.Ok]).Should().Be(CheckSeverity.Critical);
        CheckSeverities.Worst([CheckSeverity.Unknown, CheckSeverity.Warning]).Should().Be(CheckSeverity.Warning);
        CheckSeverities.Worst([CheckSeverity.Ok, CheckSeverity.Unknown]).Should().Be(CheckSeverity.Unknown);
        CheckSeverities.Worst([CheckSeverity.Ok]).Should().Be(CheckSeverity.Ok);
        CheckSeverities.Worst([]).Should().Be(CheckSeverity.Unknown);
    }

    [Fact]
    public async Task No_state_database_at_the_default_path_is_an_absent_ledger()
    {
        using var db = new LedgerDb(createSchema: false);
        File.Delete(db.Path_);
        using var harness = new MonitorHarness(db, new FakeTimeProvider(DateTimeOffset.UtcNow));

        var snapshot = await harness.Pass(full: true);

        snapshot.Reason.Should().Be(LedgerReasons.NotFound);
        snapshot.Absent.Should().BeTrue();
        harness.Monitor.ErrorCounts.Values.Sum().Should().Be(0);
    }

    [Fact]
    public async Task A_state_database_without_task_tables_has_no_ledger_not_an_unreadable_one()
    {
        using var db = new LedgerDb(createSchema: false);
        db.Exec("CREATE TABLE config_machine_state(state_key TEXT PRIMARY KEY, value_json TEXT NOT NULL, updated_at_ms INTEGER NOT NULL)");
        using var harness = new MonitorHarness(db, new FakeTimeProvider(DateTimeOffset.UtcNow));

        var snapshot = await harness.Pass(full: true);
        await harness.Pass(full: true);

        snapshot.Up.Should().BeFalse();
        snapshot.Reason.Should().Be(LedgerReasons.NotApplicable);
        snapshot.Absent.Should().BeTrue();
        harness.Monitor.ErrorCounts.Values.Sum().Should().Be(0, "no ledger is not an error");
        var health = new TaskLedgerStoreHealth(harness.Monitor);
        health.Up.Should().BeNull("no store_up series for a ledger that does not exist");
        health.Present.Should().BeFalse();
    }
}
