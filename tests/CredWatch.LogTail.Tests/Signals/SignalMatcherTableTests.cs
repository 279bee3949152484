using System.Text;
using CredWatch.LogTail.Signals;
using CredWatch.TestSupport;

namespace CredWatch.LogTail.Tests.Signals;

public sealed class SignalMatcherTableTests
{
    private static readonly DateTimeOffset ReadAt = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    private static List<LogSignal> Match(string line) =>
        [.. SignalMatcher.Match(LogLineParser.Parse(Encoding.UTF8.GetBytes(line), out _), ReadAt, "test").Select(m => m.Signal)];

    /// <summary>Expected: "signal/provider" for each signal the line names, in rule order.</summary>
    public static TheoryData<string, string[]> Table => new()
    {
        // Older texts (formats §4), console shape and plain text (journald/console).
        { TestLines.Console("Embedded agent failed before reply: All models failed (2): anthropic/claude-opus-4-6: OAuth token refresh failed for anthropic: x (auth) | openai-codex/gpt-5.3-codex: OAuth token refresh failed for openai-codex: y (auth)", level: "ERROR"),
            ["oauth_refresh_failed/anthropic", "oauth_refresh_failed/openai-codex", "all_models_failed/none"] },
        { "OAuth token refresh failed for anthropic: Failed to refresh OAuth token for anthropic. Please try again or re-authenticate.", ["oauth_refresh_failed/anthropic"] },
        { "OAuth token refresh failed for mistral: nope", ["oauth_refresh_failed/unknown"] },
        { TestLines.Console("[warn] Subagent orphan run pruned source=restore run=6e1f child=agent:main:subagent:7d2c reason=missing-session-entry"), ["orphan_run_pruned/none"] },
        { TestLines.Console("[warn] Subagent announce give up (expiry) run=r1 child=agent:main:subagent:c1 requester=agent:main:telegram:direct:42 retries=9 endedAgo=1862s deliveryError=\"delivery path none did not complete\""), ["announce_give_up/none"] },
        { TestLines.Console("Subagent completion direct announce failed for run 0a1b2c3d-0000-4000-8000-000000000001: boom"), ["announce_failed/none"] },
        { TestLines.Console("[openai-codex] Token refresh failed: 401 {\"error\":{\"code\":\"refresh_token_reused\"}}"), ["token_refresh_http_error/openai-codex"] },
        { TestLines.Console("[openai] Token refresh failed: 500 upstream"), ["token_refresh_http_error/openai"] },
        // Issue 10: current release texts.
        { TestLines.Subsystem("diagnostic", new { errorName = "ProviderAuthError" }, "lane task error: lane=main durationMs=498 error=\"No API key found for provider \"anthropic\". Auth store: /x\"", level: "ERROR"), ["no_api_key/anthropic"] },
        { TestLines.Console("Couldn't sign in to anthropic. Your saved login looks expired — run openclaw models auth login."), ["signin_expired/anthropic"] },
        { TestLines.Console("Couldn’t sign in to openai-codex. Your saved login looks expired"), ["signin_expired/openai-codex"] },
        { TestLines.Console("[openclaw] Reason: auth store requires legacy credential migration; affected providers: anthropic, openai; run openclaw doctor --fix."), ["migration_required/anthropic", "migration_required/openai"] },
        { TestLines.Subsystem("agent/embedded", new { code = "***", provider = "anthropic" }, "AUTH_PROFILE_MIGRATION_REQUIRED"), ["migration_required/anthropic"] },
        { TestLines.Subsystem("agent/embedded", new { provider = "openai-codex" }, "Auth profile credentials are missing or expired."), ["credentials_missing/openai-codex"] },
        { TestLines.Console("Auth profile credentials are missing or expired."), ["credentials_missing/unknown"] },
        // Not signals.
        { TestLines.Console("auth profile failure state updated"), [] },
        { TestLines.Console("Subagent announce completion direct announce agent call transient failure, retrying 2/4 in 5s"), [] },
        { TestLines.Noise(1), [] },
        { "{\"0\":\"torn line OAuth token refresh failed for anthropic", ["oauth_refresh_failed/anthropic"] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Line_yields_exactly_the_expected_signals(string line, string[] expected)
    {
        Match(line).Select(s => $"{s.Signal}/{s.Provider}").Should().Equal(expected);
    }

    [Fact]
    public void Every_rule_has_a_prefilter_anchor_that_its_table_line_contains()
    {
        // A rule whose anchor is missing from its own text would never see a line in the tailer.
        foreach (var (line, expected) in Table.Select(r => ((string)r[0], (string[])r[1])).Where(r => r.Item2.Length > 0))
        {
            var prefilter = AnchorPrefilter.ForAllRules();
            prefilter.NextHit(Encoding.UTF8.GetBytes(line), 0).Should().BeGreaterThanOrEqualTo(0, line);
        }

        SignalRules.All.Select(r => r.Signal).Should().BeEquivalentTo(SignalNames.All);
    }

    [Fact]
    public void Give_up_carries_run_child_and_requester_chat_and_topic()
    {
        var s = Match(TestLines.Console("[warn] Subagent announce give up (retry-limit) run=9a8b child=agent:main:subagent:0f1e requester=agent:main:telegram:group:-1001234567890:topic:42 retries=3 endedAgo=95s")).Single();
        s.Reason.Should().Be("retry-limit");
        s.RunId.Should().Be("9a8b");
        s.ChildSessionKey.Should().Be("agent:main:subagent:0f1e");
        s.Retries.Should().Be(3);
        s.Requester!.Agent.Should().Be("main");
        s.Requester.Channel.Should().Be("telegram");
        s.Requester.ChatType.Should().Be("group");
        s.Requester.ChatId.Should().Be("-1001234567890");
        s.Requester.Topic.Should().Be("42");
        s.Time.Should().Be(TestLines.DefaultTime);
    }

    [Fact]
    public void Orphan_prune_carries_source_run_child_reason()
    {
        var s = Match(TestLines.Console("[warn] Subagent orphan run pruned source=resume run=r9 child=agent:ops:subagent:x reason=missing-session-id")).Single();
        (s.Source, s.RunId, s.ChildSessionKey, s.Reason, s.AgentId).Should().Be(("resume", "r9", "agent:ops:subagent:x", "missing-session-id", null));
    }

    [Fact]
    public void Http_error_reads_status_and_reuse_but_never_the_body()
    {
        var line = TestLines.Console($"[openai-codex] Token refresh failed: 400 {{\"error\":\"refresh_token_reused\",\"token\":\"{FixtureSecrets.All[1]}\"}}");
        var s = Match(line).Single();
        s.HttpStatus.Should().Be(400);
        s.RefreshTokenReused.Should().BeTrue();
        FixtureSecrets.AssertNoSecret(s.ToString(), "LogSignal");
    }

    [Fact]
    public void Top_level_agent_session_channel_and_meta_run_id_are_read()
    {
        var line = "{\"0\":\"{\\\"subsystem\\\":\\\"agent/embedded\\\"}\",\"1\":{\"runId\":\"run-7\",\"sessionId\":\"s-meta\"},\"2\":\"No API key found for provider \\\"anthropic\\\".\",\"message\":\"No API key found for provider \\\"anthropic\\\".\",\"agent_id\":\"hr-bp\",\"session_id\":\"s-top\",\"channel\":\"telegram\",\"time\":\"2026-11-25T01:02:03.000+00:00\"}";
        var s = Match(line).Single();
        (s.RunId, s.AgentId, s.SessionId, s.Channel).Should().Be(("run-7", "hr-bp", "s-top", "telegram"));
        s.Time.Should().Be(new DateTimeOffset(2026, 11, 25, 1, 2, 3, TimeSpan.Zero));
    }

    [Fact]
    public void Identifiers_are_sanitised_so_no_text_can_ride_along()
    {
        var s = Match(TestLines.Console("Subagent orphan run pruned source=<script> run=" + new string('a', 500) + " child=x reason=y")).Single();
        s.Source.Should().Be("_script_");
        s.RunId!.Length.Should().BeLessThanOrEqualTo(200);
    }

    [Fact]
    public void Invalid_utf8_line_is_still_matched_after_lossy_decoding()
    {
        var bytes = Encoding.UTF8.GetBytes("OAuth token refresh failed for anthropic: \u0001").Concat(new byte[] { 0xff, 0xfe }).ToArray();
        var line = LogLineParser.Parse(bytes, out var outcome);
        outcome.Should().Be(LogLineParser.Outcome.InvalidUtf8);
        SignalMatcher.Match(line, ReadAt, null).Should().ContainSingle(m => m.Signal.Signal == "oauth_refresh_failed");
    }
}
