using CredWatch.LogTail.Scanning;
using CredWatch.LogTail.Signals;
using CredWatch.TestSupport;

namespace CredWatch.LogTail.Tests.Signals;

public sealed class DedupeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    private static LogSignal Sig(string provider, double seconds, string? run = null) => new()
    {
        Signal = SignalNames.OAuthRefreshFailed,
        Provider = provider,
        ProviderName = provider,
        Time = T0.AddSeconds(seconds),
        RunId = run,
    };

    [Fact]
    public void Real_2026_9_6_log_counts_each_failure_once_however_many_lines_name_it()
    {
        // 5 lines name the failed refresh (2 with the run id), 4 name the fenced profile's missing key.
        var file = Directory.GetFiles(TestPaths.FixtureLogs, "real-2026.9.6-*.log").Single();
        File.ReadLines(file).Count(l => l.Contains("OAuth token refresh failed for anthropic", StringComparison.Ordinal)).Should().BeGreaterThan(1);
        File.ReadLines(file).Count(l => l.Contains("No API key found for provider", StringComparison.Ordinal)).Should().BeGreaterThan(1);

        var result = LogScanner.Scan([file]);

        result.Signals.Select(s => $"{s.Signal}/{s.Provider}").Should().Equal("oauth_refresh_failed/anthropic", "no_api_key/anthropic");
        result.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Shared_fixture_counts_failures_per_provider_not_lines()
    {
        var result = LogScanner.Scan([Path.Combine(TestPaths.FixtureLogs, "openclaw-2026-03-13.log")]);
        result.Signals.Select(s => $"{s.Signal}/{s.Provider}").Should().BeEquivalentTo(
            "oauth_refresh_failed/anthropic", "oauth_refresh_failed/openai-codex", "all_models_failed/none", "orphan_run_pruned/none", "announce_give_up/none");
        result.Lines.Should().Be(5);
    }

    [Fact]
    public void Lines_without_run_id_join_the_episode_with_run_id()
    {
        var d = new SignalDeduplicator(TimeSpan.FromSeconds(10));
        d.Accept(DedupeMode.ProviderEpisode, Sig("anthropic", 0)).Should().BeTrue();
        d.Accept(DedupeMode.ProviderEpisode, Sig("anthropic", 0.1, "r1")).Should().BeFalse();
        d.Accept(DedupeMode.ProviderEpisode, Sig("anthropic", 0.2)).Should().BeFalse();
        d.Accept(DedupeMode.ProviderEpisode, Sig("anthropic", 0.3, "r1")).Should().BeFalse();
        d.Accept(DedupeMode.ProviderEpisode, Sig("openai-codex", 0.3)).Should().BeTrue();
    }

    [Fact]
    public void A_different_run_id_is_a_different_failure_even_inside_the_window()
    {
        var d = new SignalDeduplicator(TimeSpan.FromSeconds(10));
        d.Accept(DedupeMode.ProviderEpisode, Sig("anthropic", 0, "r1")).Should().BeTrue();
        d.Accept(DedupeMode.ProviderEpisode, Sig("anthropic", 1, "r2")).Should().BeTrue();
        d.Accept(DedupeMode.ProviderEpisode, Sig("anthropic", 2)).Should().BeFalse();
    }

    [Fact]
    public void A_run_counted_once_stays_counted_after_the_window()
    {
        var d = new SignalDeduplicator(TimeSpan.FromSeconds(10));
        d.Accept(DedupeMode.ProviderEpisode, Sig("anthropic", 0, "r1")).Should().BeTrue();
        d.Accept(DedupeMode.ProviderEpisode, Sig("anthropic", 600, "r1")).Should().BeFalse();
    }

    [Fact]
    public void Repeats_without_run_ids_count_once_per_window_anchored_at_the_first_line()
    {
        var d = new SignalDeduplicator(TimeSpan.FromSeconds(10));
        var counted = Enumerable.Range(0, 10).Count(i => d.Accept(DedupeMode.ProviderEpisode, Sig("anthropic", i * 4)));
        counted.Should().Be(4, "lines at 0,4,8 | 12,16,20 | 24,28,32 | 36 — a sliding window would merge them all into 1");
    }

    [Fact]
    public void Per_run_signals_count_once_per_run_and_every_line_without_run()
    {
        var d = new SignalDeduplicator(TimeSpan.FromSeconds(10));
        var give = new LogSignal { Signal = SignalNames.AnnounceGiveUp, Provider = "none", Time = T0, RunId = "r1" };
        d.Accept(DedupeMode.PerRun, give).Should().BeTrue();
        d.Accept(DedupeMode.PerRun, give).Should().BeFalse();
        d.Accept(DedupeMode.PerRun, give with { RunId = null }).Should().BeTrue();
        d.Accept(DedupeMode.PerRun, give with { RunId = null }).Should().BeTrue();
    }
}
