using System.Text.Json;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Quiet;

/// <summary>
/// One definition of "wrong": the real daemon on homes of every layout, healthy (with and without the Codex CLI and a
/// task ledger) and with one failure each, judged by both alert paths: CredWatch's own Telegram messages (loopback Bot
/// API) and the shipped Prometheus rules (promtool over the daemon's own series, held an hour). A healthy home gets no
/// message, no rule, no store error and `check` exit 0; a failure alerts on both paths, once.
/// </summary>
[Collection(InProcessDaemons.Name)]
public sealed class SilenceAndParityTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static TheoryData<string, bool> HealthyHomes()
    {
        var data = new TheoryData<string, bool>();
        foreach (var layout in new[] { "json-v1", "json-with-state", "agent-sqlite", "agent-sqlite+ledger", "state-db-12", "state-db-18+ledger" })
        {
            data.Add(layout, false);
            data.Add(layout, true);
        }

        return data;
    }

    public static TheoryData<string, string, string, string> Failures() => new()
    {
        // layout, failure, what the Telegram message says, the shipped rule that fires
        { "json-v1", "stale_copy", "Stale copy", "CredWatchCopyStale" },
        { "state-db-18+ledger", "stale_copy", "Stale copy", "CredWatchCopyStale" },
        { "agent-sqlite", "relogin_required", "Re-login required", "CredWatchLoginBroken" },
        { "state-db-18+ledger", "relogin_required", "Re-login required", "CredWatchLoginBroken" },
        { "json-with-state", "store_unreadable", "cannot read the credential store openclaw/ops", "CredWatchStoreDown" },
        { "json-v1", "source_missing", "credential store claude-cli is missing", "CredWatchStoreDown" },
        { "json-with-state", "unrelated_copy", "Copy differs from its source", "CredWatchFingerprintMismatch" },
    };

    [RequiresBinariesTheory(PromBinaries.Promtool)]
    [MemberData(nameof(HealthyHomes))]
    public async Task A_healthy_home_is_quiet_on_both_paths_and_in_check(string layout, bool codex)
    {
        await using var home = await QuietHome.CreateAsync(layout, codex);
        string metrics;
        await using (var d = await DaemonHarness.StartAsync(home.Home, home.Config()))
        {
            // Past the confirmation window (3 failed scans) and a ledger pass: anything that would alert has by now.
            var start = d.Registry.Current.Generation;
            await Eventually.Until(() => d.Registry.Current.Generation >= start + 4, Deadline, "four more store scans");
            metrics = string.Empty;
            await Eventually.UntilAsync(async () => (metrics = await d.Client.GetStringAsync("/metrics")).Contains("credwatch_store_present{", StringComparison.Ordinal)
                && metrics.Contains("store=\"openclaw-tasks\"", StringComparison.Ordinal), Deadline);

            Scrape.Series(metrics).Should().NotContain(s => s.Name == "credwatch_store_errors_total" && s.Value != 0, "no store error is counted on a healthy home");
            Scrape.Series(metrics).Should().NotContain(s => s.Name == "credwatch_store_up" && s.Value != 1, "absent stores have no store_up series");
            Scrape.Value(metrics, "credwatch_store_present", ("store", "codex-cli")).Should().Be(codex ? 1 : 0);
            Scrape.Series(metrics).Should().NotContain(s => s.Name == "credwatch_token_fingerprint_mismatch" && s.Value != 0);

            using var status = JsonDocument.Parse(await d.Client.GetStringAsync("/api/status"));
            status.RootElement.GetProperty("alerts").GetProperty("firingTotal").GetInt32().Should().Be(0, status.RootElement.GetProperty("alerts").ToString());
            var codexStore = status.RootElement.GetProperty("stores").EnumerateArray().Single(x => x.GetProperty("store").GetString() == "codex-cli");
            codexStore.GetProperty("present").GetBoolean().Should().Be(codex);
            codexStore.GetProperty("absent").GetBoolean().Should().Be(!codex, "/api/status tells absent from broken");
            home.Server.DeliveredMessages.Should().BeEmpty("a healthy home sends no Telegram message");
        }

        (await RulesOverScrape.FiringAsync(metrics, $"{layout}{(codex ? "+codex" : string.Empty)}")).Should().BeEmpty("no shipped rule fires in an hour of a healthy home's series");
        (await RulesOverScrape.RedPanelsAsync(metrics)).Should().BeEmpty("no dashboard stat panel is red on a healthy home");

        var (code, stdout, stderr) = await CredWatchProcess.RunAsync(["check", "--home", home.Home.Home, "--state-dir", home.Home.StateDir]);
        code.Should().Be(0, stdout + stderr);
    }

    [RequiresBinariesTheory(PromBinaries.Promtool)]
    [MemberData(nameof(Failures))]
    public async Task A_failure_alerts_once_on_both_paths(string layout, string failure, string message, string rule)
    {
        await using var home = await QuietHome.CreateAsync(layout, codex: false, failure);
        string metrics;
        await using (var d = await DaemonHarness.StartAsync(home.Home, home.Config()))
        {
            await Eventually.Until(() => home.Server.DeliveredMessages.Any(m => m.Text!.Contains(message, StringComparison.Ordinal)), Deadline, message);
            var start = d.Registry.Current.Generation;
            await Eventually.Until(() => d.Registry.Current.Generation >= start + 3, Deadline, "three more store scans");
            metrics = await d.Client.GetStringAsync("/metrics");
            home.Server.DeliveredMessages.Count(m => m.Text!.Contains(message, StringComparison.Ordinal)).Should().Be(1, "a condition is told once, not on every scan");
            home.Server.DeliveredMessages.Should().NotContain(m => m.Text!.Contains("resolved", StringComparison.OrdinalIgnoreCase), "a lasting failure does not flap");
        }

        (await RulesOverScrape.FiringAsync(metrics)).Should().Contain(rule);
        if (failure == "stale_copy")
        {
            // The guard of the healthy homes' "no red panel": a stale copy turns the dashboard's "Stale copies" stat red.
            (await RulesOverScrape.RedPanelsAsync(metrics)).Should().Contain("state=\\\"stale\\\"", "promtool quotes the panel's query");
        }
    }
}
