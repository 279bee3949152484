using CredWatch.Exporter.Health;
using CredWatch.Exporter.Tests.Support;
using static CredWatch.Exporter.Tests.Health.HealthHarness;

namespace CredWatch.Exporter.Tests.Health;

public sealed class ProfileHealthTests : IDisposable
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly TempHome _home = new(withFixtures: false);

    public void Dispose() => _home.Dispose();

    private static HealthStores DeadAgent() => new HealthStores()
        .OAuth("anthropic:work", "anthropic", Ms(Day), "work")
        .OAuth("anthropic:backup", "anthropic", Ms(Day), "backup")
        .OAuth("openai-codex:default", "openai-codex", Ms(Day), "codex")
        .Usage("anthropic:work", $$"""{"cooldownUntil":{{Ms(TimeSpan.FromMinutes(65))}},"errorCount":3,"failureCounts":{"auth":3},"lastFailureAt":{{Ms(TimeSpan.FromMinutes(-1))}},"lastUsed":{{Ms(TimeSpan.FromMinutes(-1))}} }""")
        .Usage("anthropic:backup", $$"""{"cooldownUntil":{{Ms(TimeSpan.FromMinutes(30))}},"failureCounts":{"auth":1} }""")
        .Usage("openai-codex:default", $$"""{"disabledUntil":{{Ms(Day)}},"disabledReason":"auth_permanent","errorCount":1,"failureCounts":{"auth_permanent":1} }""")
        .LastGood("anthropic", "anthropic:work");

    [Fact]
    public async Task V1_json_store_with_every_profile_cooling_down_or_disabled_has_no_usable_provider()
    {
        DeadAgent().WriteV1(_home, "main");
        using var h = Create(_home);
        await h.ScanAsync();

        var agent = h.Monitor.Current.Agents.Should().ContainSingle().Subject;
        agent.Known.Should().BeTrue();
        agent.UsableProviders.Should().Be(0);
        agent.NoUsableAuth.Should().BeTrue();
        agent.NextCooldownEnd.Should().Be(T0 + TimeSpan.FromMinutes(30), "the backup profile comes back first");
        var anthropic = agent.Providers.Single(p => p.Provider == "anthropic");
        anthropic.Profiles.Should().OnlyContain(p => p.Reasons.SequenceEqual(new[] { UnusableReasons.Cooldown }));
        agent.Providers.Single(p => p.Provider == "openai-codex").Profiles.Single().Reasons.Should().Equal(UnusableReasons.Disabled);

        var text = HealthText.NoUsableAuth(agent, T0);
        text.Should().Be("agent main has no usable model auth — anthropic cooling down until 12:30 UTC after auth failures, "
            + "openai-codex disabled (auth_permanent)");
    }

    [Fact]
    public async Task Json_with_auth_state_reads_usage_from_the_state_file_and_counts_the_healthy_profile()
    {
        new HealthStores()
            .OAuth("anthropic:work", "anthropic", Ms(Day), "work")
            .OAuth("anthropic:spare", "anthropic", Ms(Day), "spare")
            .Usage("anthropic:work", $$"""{"cooldownUntil":{{Ms(TimeSpan.FromMinutes(10))}},"failureCounts":{"rate_limit":2} }""")
            .LastGood("anthropic", "anthropic:work")
            .WriteWithState(_home, "main");
        using var h = Create(_home);
        await h.ScanAsync();

        var provider = h.Monitor.Current.Agents.Single().Providers.Single();
        provider.UsableProfiles.Should().Be(1);
        provider.Profiles.Single(p => p.DisplayId == "anthropic:work").Reasons.Should().Equal(UnusableReasons.Cooldown);
        provider.Profiles.Single(p => p.FirstTried).DisplayId.Should().Be("anthropic:work", "lastGood names it");
        provider.LastGoodProblem.Should().BeNull("a cooling-down last-good profile is OpenClaw's normal rotation");
        h.Monitor.Current.Stored.Single(s => s.DisplayId == "anthropic:work").FailureCounts.Should().ContainKey("rate_limit");
    }

    [Fact]
    public async Task Last_good_profile_that_is_disabled_while_another_works_is_flagged()
    {
        new HealthStores()
            .OAuth("anthropic:work", "anthropic", Ms(Day), "work")
            .OAuth("anthropic:spare", "anthropic", Ms(Day), "spare")
            .Usage("anthropic:work", $$"""{"disabledUntil":{{Ms(Day)}},"disabledReason":"billing"}""")
            .LastGood("anthropic", "anthropic:work")
            .WriteWithState(_home, "main");
        using var h = Create(_home);
        await h.ScanAsync();

        var provider = h.Monitor.Current.Agents.Single().Providers.Single();
        provider.LastGoodProblem.Should().Contain("anthropic:work").And.Contain("disabled");
        h.Logs.Text.Should().Contain("[3503]");
    }

    [Fact]
    public async Task Sqlite_store_failed_fence_and_expired_token_are_unusable_and_name_the_openclaw_repair_command()
    {
        new HealthStores()
            .FailedFence("anthropic:default", "anthropic")
            .Token("anthropic:manual", "anthropic", Ms(-TimeSpan.FromHours(1)), "manual")
            .WriteSqlite(_home, "main");
        using var h = Create(_home);
        await h.ScanAsync();

        var agent = h.Monitor.Current.Agents.Single();
        agent.NoUsableAuth.Should().BeTrue();
        var profiles = agent.Providers.Single().Profiles;
        profiles.Single(p => p.DisplayId == "anthropic:default").Reasons.Should().Equal(UnusableReasons.ReloginRequired);
        profiles.Single(p => p.DisplayId == "anthropic:manual").Reasons.Should().Equal(UnusableReasons.Expired);
        HealthText.NoUsableAuth(agent, T0).Should().EndWith("run `openclaw models auth login --provider anthropic --profile-id 'anthropic:default'`");
    }

    [Fact]
    public async Task Legacy_json_repair_points_at_the_cli_login_then_sync()
    {
        new HealthStores().OAuth("anthropic:claude-cli", "anthropic", Ms(-TimeSpan.FromHours(2)), "old", withRefresh: false).WriteV1(_home, "main");
        using var h = Create(_home);
        await h.ScanAsync();

        var agent = h.Monitor.Current.Agents.Single();
        agent.Providers.Single().Profiles.Single().Reasons.Should().Equal(UnusableReasons.Expired);
        HealthText.NoUsableAuth(agent, T0).Should().EndWith("run `claude /login` then `credwatch sync`");
    }

    [Fact]
    public async Task Expired_access_token_with_a_refresh_token_stays_usable()
    {
        new HealthStores().OAuth("anthropic:default", "anthropic", Ms(-TimeSpan.FromHours(2)), "refreshable").WriteSqlite(_home, "main");
        using var h = Create(_home);
        await h.ScanAsync();

        h.Monitor.Current.Agents.Single().UsableProviders.Should().Be(1, "OpenClaw refreshes an expired access token by itself");
    }

    [Fact]
    public async Task Non_main_agent_without_a_store_inherits_mains_profiles_and_its_own_copy_shadows_mains()
    {
        DeadAgent().WriteV1(_home, "main");
        Directory.CreateDirectory(_home.AgentDir("helper"));
        new HealthStores().OAuth("anthropic:work", "anthropic", Ms(Day), "own").WriteV1(_home, "coder");
        using var h = Create(_home);
        await h.ScanAsync();

        var agents = h.Monitor.Current.Agents.ToDictionary(a => a.Agent);
        agents["helper"].Known.Should().BeTrue();
        agents["helper"].NoUsableAuth.Should().BeTrue("it runs on main's profiles, all cooling down or disabled");
        agents["helper"].Providers.SelectMany(p => p.Profiles).Should().OnlyContain(p => p.Inherited);

        // coder's own anthropic:work has no usage entry of its own: OpenClaw reads the agent's own state, then main's.
        var coder = agents["coder"];
        var work = coder.Providers.Single(p => p.Provider == "anthropic").Profiles.Single(p => p.DisplayId == "anthropic:work");
        work.Inherited.Should().BeFalse();
        work.Holder.Agent.Should().Be("coder");
        coder.Providers.Select(p => p.Provider).Should().BeEquivalentTo("anthropic", "openai-codex");
    }

    [Fact]
    public async Task Unreadable_agent_store_claims_nothing()
    {
        // A schema error (not a torn file: the reader retries those on the clock, which is fake here).
        _home.Write(".openclaw/agents/main/agent/auth-profiles.json", "{\"version\":7,\"profiles\":{}}");
        using var h = Create(_home);
        await h.ScanAsync();

        var agent = h.Monitor.Current.Agents.Single();
        agent.Known.Should().BeFalse();
        agent.NoUsableAuth.Should().BeFalse();
        HealthAlertConditions.From(h.Monitor.Current).Should().BeEmpty();
    }

    [Fact]
    public async Task Model_scoped_cooldown_and_provider_managed_limits_do_not_make_a_profile_unusable()
    {
        new HealthStores()
            .OAuth("anthropic:default", "anthropic", Ms(Day), "scoped")
            .ApiKey("openrouter:default", "openrouter")
            .Usage("anthropic:default", $$"""{"cooldownUntil":{{Ms(TimeSpan.FromMinutes(5))}},"cooldownReason":"rate_limit","cooldownModel":"claude-opus-4"}""")
            .Usage("openrouter:default", $$"""{"cooldownUntil":{{Ms(TimeSpan.FromMinutes(5))}},"disabledUntil":{{Ms(Day)}},"disabledReason":"billing"}""")
            .WriteSqlite(_home, "main");
        using var h = Create(_home);
        await h.ScanAsync();

        var agent = h.Monitor.Current.Agents.Single();
        agent.UsableProviders.Should().Be(2);
        agent.Providers.Single(p => p.Provider == "anthropic").Profiles.Single().BenchedModel.Should().Be("claude-opus-4");
    }

    [Fact]
    public async Task Profile_wide_block_is_transient_and_reported_with_its_end()
    {
        new HealthStores()
            .OAuth("openai-codex:default", "openai-codex", Ms(Day), "blocked")
            .Usage("openai-codex:default", $$"""{"blockedUntil":{{Ms(TimeSpan.FromHours(3))}},"blockedReason":"subscription_limit","blockedSource":"wham"}""")
            .WriteSqlite(_home, "main");
        using var h = Create(_home);
        await h.ScanAsync();

        var agent = h.Monitor.Current.Agents.Single();
        agent.NoUsableAuth.Should().BeTrue();
        agent.NextCooldownEnd.Should().Be(T0 + TimeSpan.FromHours(3));
        HealthText.Repair(agent).Should().BeNull("only time heals a usage limit");
    }

    [Fact]
    public async Task Malformed_usage_values_are_tolerated()
    {
        new HealthStores()
            .OAuth("anthropic:default", "anthropic", Ms(Day), "odd")
            .Usage("anthropic:default", """{"cooldownUntil":"soon","disabledUntil":-5,"errorCount":"many","failureCounts":{"Weird Reason!":2,"auth":-3},"disabledReason":7}""")
            .WriteWithState(_home, "main");
        using var h = Create(_home);
        await h.ScanAsync();

        h.Monitor.Current.Agents.Single().UsableProviders.Should().Be(1);
        var stored = h.Monitor.Current.Stored.Single();
        stored.ErrorCount.Should().Be(0);
        stored.FailureCounts.Should().BeEquivalentTo(new Dictionary<string, long> { ["other"] = 2, ["auth"] = 0 });
    }

    [Fact]
    public async Task Config_smells_token_without_refresh_oauth_without_refresh_and_unresolvable_ref_are_reported_and_logged()
    {
        new HealthStores()
            .Token("anthropic:setup-token", "anthropic", Ms(Day), "setup")
            .OAuth("openai-codex:default", "openai-codex", Ms(Day), "norefresh", withRefresh: false)
            .KeyRef("openrouter:default", "openrouter")
            .OAuth("anthropic:healthy", "anthropic", Ms(Day), "healthy")
            .WriteSqlite(_home, "main");
        using var h = Create(_home);
        await h.ScanAsync();

        h.Monitor.Current.Smells.Select(s => (s.DisplayId, s.Smell)).Should().BeEquivalentTo(new[]
        {
            ("anthropic:setup-token", ConfigSmells.TokenWithoutRefresh),
            ("openai-codex:default", ConfigSmells.OAuthWithoutRefresh),
            ("openrouter:default", ConfigSmells.SecretRefUnresolved),
        });
        h.Logs.Text.Split('\n').Count(l => l.Contains("[3500]", StringComparison.Ordinal)).Should().Be(3);

        // Logged once per appearance, not on every evaluation.
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.ScanAsync();
        _ = h.Monitor.Current;
        h.Logs.Text.Split('\n').Count(l => l.Contains("[3500]", StringComparison.Ordinal)).Should().Be(3);
    }
}
