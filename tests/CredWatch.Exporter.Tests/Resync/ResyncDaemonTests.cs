using System.Text.Json;
using CredWatch.Exporter.Resync;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>The real daemon (Kestrel, OTel exporter, watcher) with <c>Resync:Enabled</c>.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // CredWatch runs on Linux
[Collection(CredWatch.Exporter.Tests.Support.InProcessDaemons.Name)]
public sealed class ResyncDaemonTests : IDisposable
{
    private static readonly Dictionary<string, string?> On = new()
    {
        ["CredWatch:Resync:Enabled"] = "true",
        ["CredWatch:Resync:Debounce"] = "00:00:00.050",
    };

    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private string HrBp => Path.Combine(_home.AgentDir("hr-bp"), "auth-profiles.json");

    private string Main => Path.Combine(_home.AgentDir("main"), "auth-profiles.json");

    private static string RefreshOf(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.GetProperty("profiles").GetProperty("anthropic:claude-cli").GetProperty("refresh").GetString()!;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return "";
        }
    }

    [Fact]
    public async Task Resync_repairs_at_start_and_again_when_a_copy_turns_stale_while_running()
    {
        var sink = new CollectingSink();
        await using var d = await DaemonHarness.StartAsync(_home, On, s => s.AddSingleton<IResyncResultSink>(sink));
        var monitor = d.App.Services.GetRequiredService<ResyncMonitor>();
        var events = new List<ResyncPassEventArgs>();
        monitor.Completed += (_, e) => { lock (events) { events.Add(e); } };

        await Eventually.Until(() => RefreshOf(HrBp) == Tokens.NewRefresh, TimeSpan.FromSeconds(120), "the stale copy present at start is repaired");

        // The Claude CLI rotates its tokens: both agent copies now hold what the CLI held before → stale → repaired.
        var rotatedAccess = Tokens.Access("ROTATED-daemon-1");
        var rotatedRefresh = Tokens.Refresh("ROTATED-daemon-1");
        _home.AtomicReplace(_home.ClaudeCredentials, Tokens.Claude(rotatedAccess, rotatedRefresh, 4_102_444_900_000));

        await Eventually.Until(() => RefreshOf(HrBp) == rotatedRefresh && RefreshOf(Main) == rotatedRefresh, TimeSpan.FromSeconds(120),
            "copies that turned stale while running are repaired");
        string metrics = "";
        await Eventually.UntilAsync(async () =>
        {
            metrics = await d.Client.GetStringAsync("/metrics");
            return Scrape.Value(metrics, "credwatch_resyncs_total", ("agent", "hr-bp")) >= 2
                && Scrape.Value(metrics, "credwatch_resyncs_total", ("agent", "main")) >= 1
                && Scrape.Value(metrics, "credwatch_token_state", ("agent", "main"), ("state", "in_sync")) == 1
                && Scrape.Value(metrics, "credwatch_token_state", ("agent", "hr-bp"), ("state", "in_sync")) == 1;
        }, TimeSpan.FromSeconds(120), "repairs are counted and the rescan shows in_sync");

        using (var doc = JsonDocument.Parse(File.ReadAllBytes(HrBp)))
        {
            doc.RootElement.GetProperty("profiles").GetProperty("anthropic:claude-cli").GetProperty("x-kept-by-user").GetString()
                .Should().Be("unknown fields must survive a resync");
        }

        sink.Reports.Should().Contain(r => r.Outcomes.Any(o => o.AgentId == "main" && o.Action == ResyncAction.Repaired));
        lock (events)
        {
            events.Should().NotBeEmpty();
        }

        var secrets = new[] { rotatedAccess, rotatedRefresh };
        FixtureSecrets.AssertNoSecret(metrics, "/metrics", secrets);
        FixtureSecrets.AssertNoSecret(d.Logs.Text, "daemon logs", secrets);
        FixtureSecrets.AssertNoSecret(await d.Client.GetStringAsync("/api/status"), "/api/status", secrets);
    }

    [Fact]
    public async Task A_refusal_is_reported_once_with_its_reason_not_on_every_scan()
    {
        _home.Write(".openclaw/agents/ops/agent/auth-profiles.json",
            Tokens.OAuthProfile("anthropic:work", "anthropic", Tokens.OldAccess, Tokens.OldRefresh, 4_000_000_000_000));
        var before = File.ReadAllBytes(Path.Combine(_home.AgentDir("ops"), "auth-profiles.json"));
        await using var d = await DaemonHarness.StartAsync(_home, On);

        string metrics = "";
        await Eventually.UntilAsync(async () =>
        {
            metrics = await d.Client.GetStringAsync("/metrics");
            return Scrape.Value(metrics, "credwatch_resync_skipped_total", ("agent", "ops"), ("reason", "unrelated")) == 1
                && Scrape.Value(metrics, "credwatch_resyncs_total", ("agent", "hr-bp")) == 1;
        }, TimeSpan.FromSeconds(120));

        // Another pass (the CLI rotates → hr-bp is repaired again) does not recount the same refusal.
        _home.AtomicReplace(_home.ClaudeCredentials, Tokens.Claude(Tokens.Access("ROTATED-daemon-2"), Tokens.Refresh("ROTATED-daemon-2"), 4_102_444_900_000));
        await Eventually.UntilAsync(async () =>
        {
            metrics = await d.Client.GetStringAsync("/metrics");
            return Scrape.Value(metrics, "credwatch_resyncs_total", ("agent", "hr-bp")) == 2;
        }, TimeSpan.FromSeconds(120));
        Scrape.Value(metrics, "credwatch_resync_skipped_total", ("agent", "ops"), ("reason", "unrelated")).Should().Be(1);
        File.ReadAllBytes(Path.Combine(_home.AgentDir("ops"), "auth-profiles.json")).Should().Equal(before);
    }

    [Fact]
    public async Task Resync_is_off_by_default()
    {
        var before = File.ReadAllBytes(HrBp);
        await using var d = await DaemonHarness.StartAsync(_home);
        await Eventually.Until(() => d.Registry.Current.Ready, TimeSpan.FromSeconds(120));
        await Eventually.Until(() => d.Logs.Text.Contains("is stale", StringComparison.Ordinal), TimeSpan.FromSeconds(120));

        var monitor = d.App.Services.GetRequiredService<ResyncMonitor>();
        monitor.ExecuteTask!.IsCompleted.Should().BeTrue("the resync loop returns at once when disabled");
        monitor.Passes.Should().Be(0);
        File.ReadAllBytes(HrBp).Should().Equal(before);
    }

    private sealed class CollectingSink : IResyncResultSink
    {
        private readonly List<SyncReport> _reports = [];

        public IReadOnlyList<SyncReport> Reports
        {
            get
            {
                lock (_reports)
                {
                    return [.. _reports];
                }
            }
        }

        public void OnResyncCompleted(SyncReport report)
        {
            lock (_reports)
            {
                _reports.Add(report);
            }
        }
    }
}
