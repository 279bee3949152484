using CredWatch.LogTail.Scanning;
using CredWatch.LogTail.Signals;
using CredWatch.TestSupport;

namespace CredWatch.LogTail.Tests.Signals;

/// <summary>
/// OpenClaw 2026.9.6 (dist/model-fallback-attempt-*.mjs) logs a repeated auth fallback decision at most once per 30 s;
/// the next line of the same decision 30–60 s later carries <c>suppressedDuplicateCount</c> and, on the console,
/// "(N duplicates suppressed in last 30s)". Counted once per failure episode: no double count, no loss.
/// </summary>
public sealed class CoalescedLineTests : IDisposable
{
    private const string RealTime = "2026-11-25T02:51:55.336";
    private readonly string _dir = Directory.CreateTempSubdirectory("cw-coalesce-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The real model fallback decision line of the 2026.9.6 fixture log that names the failed refresh (run a395a8f1-…).
    private static string RealDecision() => File.ReadLines(Directory.GetFiles(TestPaths.FixtureLogs, "real-2026.9.6-*.log").Single())
        .Single(l => l.Contains("\"model_fallback_decision\"", StringComparison.Ordinal) && l.Contains("OAuth token refresh failed for anthropic", StringComparison.Ordinal));

    private static string Decision(int secondsLater, string run, int suppressed = 0)
    {
        var time = DateTimeOffset.Parse(RealTime + "Z", System.Globalization.CultureInfo.InvariantCulture).AddSeconds(secondsLater).UtcDateTime
            .ToString("yyyy-MM-ddTHH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        var line = RealDecision().Replace(RealTime, time, StringComparison.Ordinal)
            .Replace("a395a8f1-773c-4dd0-90de-c52a7c58b761", run, StringComparison.Ordinal);
        return suppressed == 0 ? line
            : line.Replace("\"fallbackConfigured\":false}", $"\"fallbackConfigured\":false,\"suppressedDuplicateCount\":{suppressed}}}", StringComparison.Ordinal);
    }

    private ScanResult Scan(params string[] lines)
    {
        var file = Path.Combine(_dir, "openclaw-" + Guid.NewGuid().ToString("N")[..6] + ".log");
        File.WriteAllLines(file, lines);
        return LogScanner.Scan([file]);
    }

    [Fact]
    public void The_template_is_the_real_line()
    {
        RealDecision().Should().Contain("\"fallbackConfigured\":false}", "the coalesced variant is made by adding OpenClaw's own field there");
        Decision(35, "11111111-2222-4333-8444-555555555555", 4).Should().Contain("\"suppressedDuplicateCount\":4").And.Contain("02:52:30.336");
    }

    [Fact]
    public void A_coalesced_line_continues_the_episode_it_reports_and_is_not_counted_again()
    {
        var result = Scan(
            Decision(0, "aaaaaaaa-0000-4000-8000-000000000001"),
            Decision(35, "aaaaaaaa-0000-4000-8000-000000000002", suppressed: 4),
            Decision(80, "aaaaaaaa-0000-4000-8000-000000000003", suppressed: 6));

        result.Signals.Where(s => s.Signal == SignalNames.OAuthRefreshFailed).Should().ContainSingle("one failure episode, however OpenClaw coalesced its repeats");
    }

    [Fact]
    public void A_coalesced_line_seen_without_its_episode_counts_once()
    {
        // CredWatch started mid-episode, or the episode's first line was rotated away.
        var result = Scan(Decision(0, "bbbbbbbb-0000-4000-8000-000000000001", suppressed: 3));

        var signal = result.Signals.Should().ContainSingle(s => s.Signal == SignalNames.OAuthRefreshFailed).Subject;
        signal.SuppressedDuplicates.Should().Be(3);
    }

    [Fact]
    public void A_fresh_decision_after_the_coalescing_horizon_is_a_new_failure()
    {
        // OpenClaw itself starts over (no suffix) when the previous line is 60 s or more old.
        var result = Scan(
            Decision(0, "cccccccc-0000-4000-8000-000000000001"),
            Decision(90, "cccccccc-0000-4000-8000-000000000002"));

        result.Signals.Count(s => s.Signal == SignalNames.OAuthRefreshFailed).Should().Be(2);
    }

    [Fact]
    public void The_console_form_of_the_suffix_is_read_too()
    {
        var line = TestLines.Console("model fallback decision: decision=candidate_failed requested=anthropic/claude-sonnet-4-6 candidate=anthropic/claude-sonnet-4-6 reason=auth next=none detail=No API key found for provider \"anthropic\". (7 duplicates suppressed in last 30s)", level: "WARN");

        var result = Scan(line);

        result.Signals.Should().ContainSingle(s => s.Signal == SignalNames.NoApiKey).Which.SuppressedDuplicates.Should().Be(7);
    }
}
