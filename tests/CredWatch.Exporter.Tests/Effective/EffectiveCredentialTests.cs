using CredWatch.Exporter.Effective;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Effective;

/// <summary>Which credential an agent's next turn uses, resolved as OpenClaw 2026.9.6 orders profiles, on real store files.</summary>
public sealed class EffectiveCredentialTests : IDisposable
{
    private const string LiveAccess = "sk-ant-oat01-FIXTUREaccessLIVE";
    private const string LiveRefresh = "sk-ant-ort01-FIXTURErefreshLIVE";
    private const string DeadAccess = "sk-ant-oat01-FIXTUREaccessDEAD";
    private readonly TempHome _home = new(withFixtures: false);

    public void Dispose() => _home.Dispose();

    private static long InHours(double h) => DateTimeOffset.UtcNow.AddHours(h).ToUnixTimeMilliseconds();

    // A dead login OpenClaw still tries: an OAuth access token past its expiry with nothing to refresh it.
    private static string Dead(string id) => $$"""
        "{{id}}":{"type":"oauth","provider":"anthropic","access":"{{DeadAccess}}","expires":{{InHours(-3)}}}
        """;

    private static string Live(string id) => $$"""
        "{{id}}":{"type":"oauth","provider":"anthropic","access":"{{LiveAccess}}","refresh":"{{LiveRefresh}}","expires":{{InHours(5)}}}
        """;

    private static string Store(params string[] profiles) => "{\"version\":1,\"profiles\":{" + string.Join(",", profiles) + "}}";

    private async Task<(RegistryState State, IReadOnlyList<EffectiveCredential> List)> ResolveAsync()
    {
        var state = await _home.ScanAsync();
        return (state, EffectiveCredentialResolver.Resolve(state, AuthConfigs.Of(state), DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_dead_profile_ordered_before_a_live_one_shadows_it_and_the_fix_puts_the_live_one_first()
    {
        _home.CreateAgentDatabase("ops", Store(Dead("anthropic:old"), Live("anthropic:new")), """{"order":{"anthropic":["anthropic:old","anthropic:new"]}}""");
        _home.CreateAgentDatabase("hr", Store(Dead("anthropic:old"), Live("anthropic:new")));
        var (state, list) = await ResolveAsync();

        var ops = list.Single(e => e.Agent == "ops" && e.Provider == "anthropic");
        ops.State.Should().Be(EffectiveStates.ShadowsLiveLogin);
        ops.OrderFrom.Should().Be("agent");
        ops.Chosen!.DisplayId.Should().Be("anthropic:old");
        ops.Chosen.Alive.Should().BeFalse();
        ops.Fix.Should().Contain("openclaw models auth order set --agent ops --provider anthropic anthropic:new")
            .And.Contain("openclaw models auth logout --agent ops anthropic:old --yes");

        // Same profiles, no stored order: OpenClaw sorts the unexpired OAuth first, so hr runs on the live one.
        var hr = list.Single(e => e.Agent == "hr" && e.Provider == "anthropic");
        hr.State.Should().Be(EffectiveStates.Live);
        hr.Chosen!.DisplayId.Should().Be("anthropic:new");
        hr.OrderFrom.Should().Be("stored");

        var lines = EffectiveCheckContributor.Lines(list);
        lines.Single(l => l.Subject == "agent ops anthropic").Severity.Should().Be(CheckSeverity.Critical);
        lines.Single(l => l.Subject == "agent hr anthropic").Severity.Should().Be(CheckSeverity.Ok);
        var alerts = EffectiveAlertSource.Map(list);
        alerts.Should().ContainSingle().Which.Text.Should().Contain("agent ops").And.Contain("order set");

        var series = EffectiveCredentialMetrics.Measure(list).ToList();
        series.Should().HaveCount(2);
        var opsSeries = series.Single(m => m.Tags.ToArray().Contains(new KeyValuePair<string, object?>(MetricNames.TagAgent, "ops")));
        opsSeries.Value.Should().Be(0);
        opsSeries.Tags.ToArray().Should().Contain(new KeyValuePair<string, object?>(MetricNames.TagState, EffectiveStates.ShadowsLiveLogin))
            .And.Contain(new KeyValuePair<string, object?>(MetricNames.TagProfile, "anthropic:old"))
            .And.Contain(new KeyValuePair<string, object?>(MetricNames.TagKind, EffectiveKinds.OAuth));

        var json = EffectiveStatusContributor.Build(list).ToJsonString();
        json.Should().Contain("\"shadows_live_login\"");
        FixtureSecrets.AssertNoSecret(json + string.Join("\n", lines.Select(l => l.Message)) + string.Join("\n", alerts.Select(a => a.Text)), "effective output",
            [LiveAccess, LiveRefresh, DeadAccess]);
        state.Generation.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_stored_anthropic_profile_ahead_of_the_claude_cli_overlay_shadows_the_live_cli_login()
    {
        _home.Write(".claude/.credentials.json", $$"""{"claudeAiOauth":{"accessToken":"{{LiveAccess}}","refreshToken":"{{LiveRefresh}}","expiresAt":{{InHours(6)}}""" + "}}");
        _home.Write(".openclaw/openclaw.json", """{"auth":{"order":{"anthropic":["anthropic:default","anthropic:claude-cli"]},"profiles":{"anthropic:claude-cli":{"provider":"claude-cli","mode":"oauth"}}}}""");
        _home.CreateAgentDatabase("main", Store(Dead("anthropic:default")));
        var (_, list) = await ResolveAsync();
        var e = list.Single(x => x.Agent == "main" && x.Provider == "anthropic");
        e.OrderFrom.Should().Be("config");
        e.State.Should().Be(EffectiveStates.ShadowsLiveLogin);
        e.Chosen!.DisplayId.Should().Be("anthropic:default");
        e.Order.Select(c => c.Kind).Should().Equal(EffectiveKinds.OAuth, EffectiveKinds.CliOverlay);
        e.Order[1].Store.Store.Should().Be(StoreLabels.ClaudeCli);
        e.Order[1].Alive.Should().BeTrue();

        // The operator puts the CLI login first: the overlay is used and all is quiet.
        _home.Write(".openclaw/openclaw.json", """{"auth":{"order":{"anthropic":["anthropic:claude-cli","anthropic:default"]},"profiles":{"anthropic:claude-cli":{"provider":"claude-cli","mode":"oauth"}}}}""");
        var (_, fixedList) = await ResolveAsync();
        var f = fixedList.Single(x => x.Agent == "main" && x.Provider == "anthropic");
        f.State.Should().Be(EffectiveStates.Live);
        f.Chosen!.Kind.Should().Be(EffectiveKinds.CliOverlay);
        EffectiveAlertSource.Map(fixedList).Should().BeEmpty();
    }

    [Fact]
    public async Task A_profile_in_cooldown_is_tried_last_and_a_fenced_one_not_at_all()
    {
        var fence = "openclaw-oauth-refresh-fence:v1:0123456789abcdef0123456789abcdef";
        var fenced = $$"""
            "anthropic:fenced":{"type":"oauth","provider":"anthropic","access":"{{fence}}:failed:access:{{new string('a', 64)}}","refresh":"{{fence}}:failed:refresh:{{new string('b', 64)}}","expires":1}
            """;
        _home.CreateAgentDatabase("ops", Store(fenced, Live("anthropic:a"), Live("anthropic:b")),
            """{"order":{"anthropic":["anthropic:fenced","anthropic:a","anthropic:b"]},"usageStats":{"anthropic:a":{"cooldownUntil":""" + InHours(1) + "}}}");
        var (_, list) = await ResolveAsync();
        var e = list.Single(x => x.Agent == "ops");
        e.Order.Select(c => c.DisplayId).Should().Equal("anthropic:b", "anthropic:a");
        e.Order[1].UnusableUntil.Should().NotBeNull();
        e.Chosen!.DisplayId.Should().Be("anthropic:b");
        e.State.Should().Be(EffectiveStates.Live);
        e.Skipped.Should().ContainSingle().Which.Should().StartWith("anthropic:fenced: fenced");
    }

    [Fact]
    public async Task The_gemini_runtime_without_a_stored_profile_needs_the_gemini_cli_login_and_its_absence_is_flagged_once()
    {
        // What 2026.9.6's doctor leaves: the Gemini CLI runtime selected per model, no google-gemini-cli profile stored.
        const string Config = """{"agents":{"defaults":{"model":{"primary":"google/gemini-3.1-pro-preview"},"models":{"google/gemini-3.1-pro-preview":{"agentRuntime":{"id":"google-gemini-cli"}}}}}}""";
        _home.CreateAgentDatabase("main", Store(Live("anthropic:default")));
        _home.CreateAgentDatabase("ops", Store(Live("anthropic:default")));
        var (_, quiet) = await ResolveAsync();
        quiet.Should().NotContain(e => e.Provider == "google-gemini-cli", "no Gemini CLI runtime, no Gemini CLI login needed");

        _home.Write(".openclaw/openclaw.json", Config);
        var (state, missing) = await ResolveAsync();
        state.Stores.Keys.Should().NotContain(new StoreId(StoreLabels.GeminiCli, null), "the file is absent: no store of its own");
        foreach (var agent in new[] { "main", "ops" })
        {
            var e = missing.Single(x => x.Agent == agent && x.Provider == "google-gemini-cli");
            e.State.Should().Be(EffectiveStates.Dead);
            e.Chosen!.Store.Store.Should().Be(StoreLabels.GeminiCli);
            e.Chosen.Why.Should().Be(EffectiveCredentialResolver.GeminiLoginMissing);
            e.Fix.Should().Contain("run `gemini` and sign in again").And.Contain("openclaw models auth login --provider google");
        }

        var alert = EffectiveAlertSource.Map(missing).Should().ContainSingle().Subject;
        alert.Kind.Should().Be(EffectiveAlertSource.GeminiMissingKind);
        alert.Text.Should().Contain("agent main, ops").And.Contain("~/.gemini/oauth_creds.json").And.Contain("run `gemini` and sign in again");
        var line = EffectiveCheckContributor.Lines(missing).Single(l => l.Subject == "agent main google-gemini-cli");
        line.Severity.Should().Be(CheckSeverity.Critical);
        line.Message.Should().Contain("fix: run `gemini`");
        EffectiveCredentialMetrics.Measure(missing).Single(m => m.Tags.ToArray().Contains(new KeyValuePair<string, object?>(MetricNames.TagAgent, "ops"))
            && m.Tags.ToArray().Contains(new KeyValuePair<string, object?>(MetricNames.TagStore, StoreLabels.GeminiCli))).Tags.ToArray()
            .Should().Contain(new KeyValuePair<string, object?>(MetricNames.TagState, EffectiveStates.Dead));

        // Signed in with the Gemini CLI: the runtime runs on that login, all quiet.
        _home.Write(".gemini/oauth_creds.json", $$"""{"access_token":"ya29.FIXTUREaccessEFF","refresh_token":"1//FIXTURErefreshEFF","expiry_date":{{InHours(1)}}}""");
        var (_, live) = await ResolveAsync();
        live.Where(e => e.Provider == "google-gemini-cli").Should().HaveCount(2).And.OnlyContain(e => e.State == EffectiveStates.Live && e.Chosen!.Kind == EffectiveKinds.CliOverlay);
        EffectiveAlertSource.Map(live).Should().BeEmpty();
        EffectiveCheckContributor.Lines(live).Should().OnlyContain(l => l.Severity == CheckSeverity.Ok);

        // The login ended: dead, but that is the Gemini CLI store's own alert (once), not one more here.
        _home.Write(".gemini/oauth_creds.json", $$"""{"access_token":"ya29.FIXTUREaccessEFF","expiry_date":{{InHours(-2)}}}""");
        var (_, ended) = await ResolveAsync();
        ended.Single(e => e.Agent == "main" && e.Provider == "google-gemini-cli").State.Should().Be(EffectiveStates.Dead);
        EffectiveAlertSource.Map(ended).Should().BeEmpty();

        // A Google AI Studio API key is what the runtime stages instead: the CLI's login is not needed at all.
        File.Delete(Path.Combine(_home.Home, ".gemini", "oauth_creds.json"));
        _home.CreateAgentDatabase("hr", Store(Live("anthropic:default"), "\"google:default\":{\"type\":\"api_key\",\"provider\":\"google\",\"key\":\"AIzaFIXTUREkeyEFF\"}"));
        var (_, keyed) = await ResolveAsync();
        var hr = keyed.Single(e => e.Agent == "hr" && e.Provider == "google-gemini-cli");
        hr.State.Should().Be(EffectiveStates.Live);
        hr.Chosen!.Kind.Should().Be(EffectiveKinds.ApiKey);
        EffectiveAlertSource.Map(keyed).Should().ContainSingle().Which.Text.Should().Contain("of agent main, ops through", "hr runs on its API key");
    }
}
