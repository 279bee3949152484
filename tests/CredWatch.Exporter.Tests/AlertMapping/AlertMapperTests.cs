using CredWatch.Alerts;
using CredWatch.Exporter.AlertMapping;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Health;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tasks;
using CredWatch.LogTail.Signals;
using Microsoft.Extensions.Time.Testing;
using CredWatch.Alerts.Model;

namespace CredWatch.Exporter.Tests.AlertMapping;

/// <summary>The pure mappers: observations in, alert conditions/events out.</summary>
public sealed class AlertMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static RegistryState State(StoreLayout layout, params ComparisonResult[] comparisons)
    {
        var stores = new Dictionary<StoreId, StoreEntry>();
        foreach (var c in comparisons)
        {
            stores[c.Store] = new StoreEntry(new StoreSnapshot(c.Store, "/x/" + c.Store, layout, null, 1, [], UsageState.Empty, null, Now, Now, "v1"), Now, new Dictionary<string, long>());
        }

        return new RegistryState(stores, comparisons, true, Now, 1, "/x");
    }

    private static ComparisonResult Cmp(string agent, string state, string display = "anthropic:claude-cli", DateTimeOffset? loginEnds = null) =>
        new(new StoreId(StoreLabels.OpenClaw, agent), display.Replace("acct-1a2b3c4d", "me@example.com", StringComparison.Ordinal), display, "anthropic", state,
            new StoreId(StoreLabels.ClaudeCli, null), true, SameLoginProof.None("test"), "detail", Now.AddMinutes(30), loginEnds);

    [Fact]
    public void Stale_copy_names_agent_profile_and_the_fix_for_its_layout()
    {
        var json = StoreAlertMapper.Map(State(StoreLayout.OpenClawJsonWithState, Cmp("hr-bp", TokenStates.Stale)), Now, TimeSpan.FromHours(1));
        json.Should().ContainSingle();
        json[0].Kind.Should().Be(AlertKinds.StaleCopy);
        json[0].Text.Should().Contain("agent hr-bp").And.Contain("anthropic:claude-cli").And.Contain("credwatch sync").And.Contain("12:30 UTC");

        var sqlite = StoreAlertMapper.Map(State(StoreLayout.OpenClawAgentSqlite, Cmp("hr-bp", TokenStates.Stale, "anthropic:acct-1a2b3c4d")), Now, TimeSpan.FromHours(1));
        sqlite[0].Text.Should().Contain("openclaw models auth login --agent hr-bp --provider anthropic --method cli --profile-id 'anthropic:acct-1a2b3c4d'")
            .And.NotContain("credwatch sync").And.NotContain("example.com", "alerts carry the keyed display id, never the e-mail");
        sqlite[0].Key.Should().NotBe(json[0].Key);
    }

    [Fact]
    public void Relogin_required_says_it_will_not_recover_and_passthrough_never_alerts()
    {
        var set = StoreAlertMapper.Map(State(StoreLayout.OpenClawAgentSqlite,
            Cmp("main", TokenStates.ReloginRequired), Cmp("ops", TokenStates.Passthrough, loginEnds: Now.AddMinutes(1)), Cmp("mig", TokenStates.MigrationRequired)), Now, TimeSpan.FromHours(1));
        set.Select(c => c.Kind).Should().BeEquivalentTo([AlertKinds.ReloginRequired, AlertKinds.MigrationRequired]);
        set.Single(c => c.Kind == AlertKinds.ReloginRequired).Text.Should().Contain("refresh failed").And.Contain("NOT recover").And.Contain("openclaw models auth login --provider anthropic");
        set.Single(c => c.Kind == AlertKinds.MigrationRequired).Text.Should().Contain("openclaw doctor --fix");
    }

    [Fact]
    public void Expiring_fires_inside_the_window_and_expired_once_the_clock_passes_the_end()
    {
        var cmp = Cmp("main", TokenStates.InSync, loginEnds: Now.AddMinutes(90));
        var state = State(StoreLayout.OpenClawJsonWithState, cmp);
        StoreAlertMapper.Map(state, Now, TimeSpan.FromHours(1)).Should().BeEmpty();
        StoreAlertMapper.Map(state, Now.AddMinutes(31), TimeSpan.FromHours(1)).Single().Kind.Should().Be(AlertKinds.TokenExpiring);
        StoreAlertMapper.Map(state, Now.AddMinutes(91), TimeSpan.FromHours(1)).Single().Kind.Should().Be(AlertKinds.TokenExpired);
    }

    [Fact]
    public void Unreadable_store_is_a_condition_with_its_reason_once_confirmed_and_absent_stores_are_not()
    {
        var id = new StoreId(StoreLabels.OpenClaw, "main");
        var absent = new StoreId(StoreLabels.CodexCli, null);
        var vanished = new StoreId(StoreLabels.ClaudeCli, null);
        RegistryState State(int failedScans) => new(new Dictionary<StoreId, StoreEntry>
        {
            [id] = new(new StoreSnapshot(id, "/x/a.json", StoreLayout.Unknown, new StoreError(StoreErrorReasons.InvalidJson, "torn JSON at byte 12"), null, [], UsageState.Empty, null, null, Now, "e"), Now, new Dictionary<string, long>())
            {
                FailedScans = failedScans,
            },
            [absent] = new(new StoreSnapshot(absent, "/x/auth.json", StoreLayout.Unknown, new StoreError(StoreErrorReasons.NotFound, "no file"), null, [], UsageState.Empty, null, null, Now, "e") { Absent = true }, Now, new Dictionary<string, long>()),
            [vanished] = new(new StoreSnapshot(vanished, "/x/.credentials.json", StoreLayout.Unknown, new StoreError(StoreErrorReasons.NotFound, "no file"), null, [], UsageState.Empty, null, null, Now, "e"), Now, new Dictionary<string, long>())
            {
                FailedScans = failedScans,
                EverPresent = true,
            },
        }, [], true, Now, 1, null);

        StoreAlertMapper.Map(State(2), Now, TimeSpan.FromHours(1), confirmScans: 3).Should().BeEmpty("a store caught mid-write heals within the confirmation window");
        var set = StoreAlertMapper.Map(State(3), Now, TimeSpan.FromHours(1), confirmScans: 3);
        set.Should().HaveCount(2);
        set.Should().ContainSingle(c => c.Key.EndsWith("openclaw/main", StringComparison.Ordinal)).Which.Text.Should().Contain("invalid_json").And.Contain("torn JSON");
        set.Should().ContainSingle(c => c.Key.EndsWith("claude-cli", StringComparison.Ordinal)).Which.Text.Should().Contain("vanished").And.Contain("claude /login");
    }

    [Fact]
    public void An_ignored_sign_in_is_told_like_the_CredWatchIgnoredSignIn_rule()
    {
        var id = new StoreId(StoreLabels.OpenClaw, "ops");
        var snapshot = new StoreSnapshot(id, "/x/openclaw-agent.sqlite", StoreLayout.OpenClawAgentSqlite, null, 23, [], UsageState.Empty, null, null, Now, "v")
        {
            IgnoredResignIns = [new IgnoredResignIn("anthropic:default", "anthropic:default", "anthropic", "/x/auth-profiles.json.migrated-1", Now.AddHours(-1), Now.AddDays(1))],
        };
        var state = new RegistryState(new Dictionary<StoreId, StoreEntry> { [id] = new(snapshot, Now, new Dictionary<string, long>()) }, [], true, Now, 1, null);

        var c = StoreAlertMapper.Map(state, Now, TimeSpan.FromHours(1)).Should().ContainSingle().Subject;

        c.Kind.Should().Be(StoreAlertMapper.IgnoredSignIn);
        c.Text.Should().Contain("openclaw models auth login --agent ops --provider anthropic --profile-id 'anthropic:default'");
    }

    [Fact]
    public void Store_publisher_publishes_nothing_before_the_first_scan_then_the_full_set()
    {
        var sink = new RecordingAlertSink();
        var registry = new StoreRegistry(TokenComparer.Create(new()), FingerprintHistory.InMemory(), new FakeTimeProvider(Now));
        var publisher = new StoreAlertPublisher(registry, sink, Microsoft.Extensions.Options.Options.Create(new Configuration.CredWatchOptions()),
            Microsoft.Extensions.Options.Options.Create(new AlertingOptions()), new FakeTimeProvider(Now), Microsoft.Extensions.Logging.Abstractions.NullLogger<StoreAlertPublisher>.Instance, []);
        publisher.Publish(RegistryState.Empty);
        sink.Published.Should().BeEmpty("an empty set before the first scan would resolve every firing alert");
        publisher.Publish(State(StoreLayout.OpenClawJsonWithState, Cmp("hr-bp", TokenStates.Stale)));
        sink.Published.Should().ContainSingle().Which.Source.Should().Be("stores");
    }

    [Fact]
    public void Log_signals_map_to_events_with_stable_keys_and_routes()
    {
        var give = new LogSignal
        {
            Signal = SignalNames.AnnounceGiveUp, Provider = SignalNames.NoProvider, Time = Now, RunId = "r-1", Reason = "retry-limit", Retries = 3,
            Requester = RequesterKey.Parse("agent:main:telegram:group:-100123:topic:42"),
        };
        var e = LogSignalAlertMapper.Map(give, TimeSpan.FromMinutes(15))!;
        e.Kind.Should().Be(AlertKinds.ResultLost);
        e.Key.Should().Be("result_lost/r-1");
        e.Route.RequesterSessionKey.Should().Be("agent:main:telegram:group:-100123:topic:42");
        e.Text.Should().Contain("r-1").And.Contain("-100123").And.Contain("topic 42");
        LogSignalAlertMapper.Map(give with { Signal = SignalNames.OrphanRunPruned, Source = "restore" }, TimeSpan.FromMinutes(15))!.Key.Should().Be(e.Key, "one lost run is one alert whichever line told it");

        var refresh = new LogSignal { Signal = SignalNames.OAuthRefreshFailed, Provider = "anthropic", ProviderName = "anthropic", Time = Now };
        var a = LogSignalAlertMapper.Map(refresh, TimeSpan.FromMinutes(15))!;
        LogSignalAlertMapper.Map(refresh with { Time = Now.AddMinutes(5) }, TimeSpan.FromMinutes(15))!.Key.Should().Be(a.Key, "same provider, same window");
        LogSignalAlertMapper.Map(refresh with { Time = Now.AddMinutes(16) }, TimeSpan.FromMinutes(15))!.Key.Should().NotBe(a.Key);
        a.Text.Should().Contain("openclaw models auth login --provider anthropic");
        LogSignalAlertMapper.Map(refresh with { Signal = SignalNames.MigrationRequired }, TimeSpan.FromMinutes(15))!.Text.Should().Contain("openclaw doctor --fix");
        LogSignalAlertMapper.Map(refresh with { Signal = SignalNames.NoApiKey }, TimeSpan.FromMinutes(15))!.Kind.Should().Be("no_api_key");
        LogSignalAlertMapper.Map(refresh with { Signal = SignalNames.TokenRefreshHttpError }, TimeSpan.FromMinutes(15)).Should().BeNull();
    }

    [Fact]
    public async Task Task_results_become_one_condition_each_routed_to_the_topic_and_resolve()
    {
        var sink = new RecordingAlertSink();
        var tasks = new TaskAlertSink(sink, Microsoft.Extensions.Logging.Abstractions.NullLogger<TaskAlertSink>.Instance);
        var r = new UndeliveredResult
        {
            TaskId = "t-1", Runtime = "subagent", Reason = UndeliveredReason.AtRisk, AgentId = "main",
            RequesterSessionKey = "agent:main:telegram:group:-1001234567890:topic:42",
            Origin = new RequesterOrigin("telegram", "-1001234567890", "42", null), CreatedAt = Now,
            Label = new string('L', 120), ErrorClass = "auth", Cause = "auth", DeadlineAt = Now.AddMinutes(30),
            Commands = [new("credwatch sync", "fix the login first"), new("openclaw tasks retry t-1", "only after the login works"), new("openclaw tasks dismiss t-1", null)],
        };
        await tasks.PublishAsync([r], [], CancellationToken.None);
        var (source, set) = sink.Published.Single();
        source.Should().Be("task/t-1");
        var c = set.Single();
        c.Route.ChatId.Should().Be(-1001234567890);
        c.Route.ThreadId.Should().Be(42);
        c.Text.Should().Contain("12:30 UTC").And.Contain(new string('L', 79) + "…").And.NotContain(new string('L', 81));
        c.Text.IndexOf("credwatch sync", StringComparison.Ordinal).Should().BeLessThan(c.Text.IndexOf("tasks retry", StringComparison.Ordinal));
        c.Text.IndexOf("tasks retry", StringComparison.Ordinal).Should().BeLessThan(c.Text.IndexOf("tasks dismiss", StringComparison.Ordinal));
        c.Text.Should().Contain("only after the login works");

        await tasks.PublishAsync([], [new ResolvedTaskResult("t-1", "subagent", Now) { Outcome = TaskOutcome.Expired, Detail = "gone" }], CancellationToken.None);
        sink.Ended.Should().ContainSingle().Which.Should().Be(("task/t-1", "Expired unrecovered: The result of task t-1 was never delivered: gone. Re-run the work if it is still needed.", false));
    }

    [Theory]
    [InlineData("agent:main:telegram:group:007:topic:3")]
    [InlineData("agent::telegram:group:-100123:topic:3")]
    [InlineData("agent:main:telegram:group:-100123:topic:3")]
    public void An_origin_read_off_the_session_key_routes_through_the_session_key_router_not_a_chat_of_its_own(string key)
    {
        var r = new UndeliveredResult
        {
            TaskId = "t-2", Runtime = "subagent", Reason = UndeliveredReason.AtRisk, AgentId = "main", RequesterSessionKey = key,
            Origin = RequesterOrigin.FromSessionKey(key), CreatedAt = Now, Label = "x", ErrorClass = "none", Cause = "none", Commands = [],
        };

        var route = TaskAlertMapper.Route(r);

        route.ChatId.Should().BeNull("only OpenClaw's recorded origin names a chat directly");
        route.RequesterSessionKey.Should().Be(key, "the Alerts router parses keys the way OpenClaw does (it routes 007 and a blank agent nowhere)");
    }

    [Fact]
    public void Resync_and_health_hooks_raise_and_publish()
    {
        var sink = new RecordingAlertSink();
        new ResyncAlertPublisher(sink, new FakeTimeProvider(Now)).Publish([
            new ResyncAlertItem("hr-bp", "anthropic:claude-cli", "anthropic", ResyncAlertResult.Repaired, null, "ok", null),
            new ResyncAlertItem("ops", "anthropic:acct-1a2b3c4d", "anthropic", ResyncAlertResult.Failed, "lock_timeout", "OpenClaw held the lock", "openclaw models auth login --agent ops --provider anthropic --profile-id 'anthropic:acct-1a2b3c4d'"),
        ]);
        sink.Raised.Select(e => e.Kind).Should().BeEquivalentTo([AlertKinds.ResyncDone, AlertKinds.ResyncFailed]);
        sink.Raised.Single(e => e.Kind == AlertKinds.ResyncFailed).Text.Should().Contain("lock_timeout").And.Contain("Fix: openclaw models auth login");

        var health = HealthAlertPublisher.Map(new HealthAlertCondition(HealthAlertCondition.NoUsableAuth, "main", true, "agent main has no usable model auth", "agent main recovered"));
        health.Kind.Should().Be(AlertKinds.NoUsableAuth);
        health.Key.Should().Be("no_usable_auth/main");
        health.ResolvedText.Should().Be("agent main recovered");
    }
}
