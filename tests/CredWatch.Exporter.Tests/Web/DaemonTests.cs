using System.Diagnostics;
using System.Net;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Web;

[Collection(CredWatch.Exporter.Tests.Support.InProcessDaemons.Name)]
public sealed class DaemonTests : IDisposable
{
    private static readonly string[] CoreMetricNames =
    [
        "credwatch_store_up", "credwatch_store_errors_total", "credwatch_token_expiry_timestamp_seconds",
        "credwatch_refresh_token_expiry_timestamp_seconds", "credwatch_token_fingerprint_mismatch", "credwatch_token_state",
        "credwatch_store_last_change_timestamp_seconds", "credwatch_build_info", "credwatch_store_schema_version",
    ];

    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Metrics_carry_every_core_name_with_bounded_labels()
    {
        await using var d = await DaemonHarness.StartAsync(_home);
        await Eventually.UntilAsync(async () => (await d.Client.GetAsync("/readyz")).IsSuccessStatusCode, because: "first scan");
        var text = await d.Client.GetStringAsync("/metrics");
        foreach (var name in CoreMetricNames)
        {
            text.Should().Contain(name + "{", name);
        }

        Scrape.Value(text, "credwatch_token_state", ("agent", "hr-bp"), ("profile", "anthropic:claude-cli"), ("provider", "anthropic"), ("state", "stale"), ("store", "openclaw")).Should().Be(1);
        Scrape.Value(text, "credwatch_token_state", ("agent", "hr-bp"), ("state", "in_sync")).Should().Be(0);
        Scrape.Value(text, "credwatch_token_fingerprint_mismatch", ("agent", "hr-bp")).Should().Be(1);
        Scrape.Value(text, "credwatch_token_fingerprint_mismatch", ("agent", "main")).Should().Be(0);
        Scrape.Value(text, "credwatch_token_expiry_timestamp_seconds", ("agent", "hr-bp")).Should().Be(1773427200);
        Scrape.Value(text, "credwatch_refresh_token_expiry_timestamp_seconds", ("store", "claude-cli")).Should().Be(4104950400);
        Scrape.Value(text, "credwatch_store_schema_version", ("agent", "main")).Should().Be(1);
        Scrape.Value(text, "credwatch_store_errors_total", ("reason", "corrupt_db"), ("store", "codex-cli")).Should().Be(0);
        Scrape.Value(text, "credwatch_store_errors_total", ("reason", "not_found"), ("store", "codex-cli")).Should().Be(0, "no Codex CLI here is absent, not broken");
        Scrape.Series(text).Should().NotContain(s => s.Name == "credwatch_store_up" && s.Labels["store"] == "codex-cli", "an absent store has no store_up series");
        Scrape.Value(text, "credwatch_store_present", ("store", "codex-cli")).Should().Be(0);
        Scrape.Value(text, "credwatch_store_present", ("store", "claude-cli")).Should().Be(1);
        Scrape.Value(text, "credwatch_store_up", ("store", "claude-cli")).Should().Be(1);
        Scrape.Series(text).Where(s => s.Name == "credwatch_store_up").Should().OnlyContain(s => !s.Labels.ContainsKey("agent") || s.Labels["store"] == "openclaw");
        Scrape.Series(text).Where(s => s.Name == "credwatch_store_errors_total" && s.Labels["store"] != "openclaw-tasks").Should().HaveCount(4 * 10, "every reason for every known store, from 0");
        Scrape.Series(text).Where(s => s.Name == "credwatch_store_errors_total" && s.Labels["store"] == "openclaw-tasks").Should().HaveCount(7, "the task ledger's reasons share the series");
        text.Should().Contain("service_instance_id=");
    }

    [Fact]
    public async Task Metrics_and_status_name_the_credential_each_agent_uses_and_a_healthy_minimax_cli_adds_no_error()
    {
        _home.Write(".minimax/oauth_creds.json", $$"""{"access_token":"mmx-FIXTUREaccessD","refresh_token":"mmx-FIXTURErefreshD","expiry_date":{{DateTimeOffset.UtcNow.AddHours(5).ToUnixTimeMilliseconds()}}}""");
        await using var d = await DaemonHarness.StartAsync(_home);
        await Eventually.UntilAsync(async () => (await d.Client.GetAsync("/readyz")).IsSuccessStatusCode, because: "first scan");
        var text = await d.Client.GetStringAsync("/metrics");
        Scrape.Value(text, "credwatch_agent_effective_credential", ("agent", "main"), ("provider", "anthropic"), ("profile", "anthropic:claude-cli"), ("kind", "oauth"), ("state", "live"), ("store", "openclaw")).Should().Be(1);
        Scrape.Value(text, "credwatch_agent_effective_credential", ("agent", "hr-bp"), ("provider", "anthropic"), ("state", "dead")).Should().Be(0);
        Scrape.Value(text, "credwatch_store_up", ("store", "minimax-cli")).Should().Be(1);
        Scrape.Series(text).Where(s => s.Name == "credwatch_store_errors_total" && s.Labels["store"] == "minimax-cli").Should().OnlyContain(s => s.Value == 0);
        Scrape.Series(text).Should().NotContain(s => s.Labels.ContainsKey("store") && s.Labels["store"] == "gemini-cli", "no Gemini CLI on this host: no series of its own");

        var status = await d.Client.GetStringAsync("/api/status");
        status.Should().Contain("\"effectiveCredentials\"").And.Contain("next turn uses anthropic:claude-cli");
        FixtureSecrets.AssertNoSecret(status + text, "http", ["mmx-FIXTUREaccessD", "mmx-FIXTURErefreshD"]);
    }

    [RequiresBinariesFact(PromBinaries.Promtool)]
    public async Task Promtool_accepts_a_live_scrape()
    {
        var promtool = PromBinaries.Require(PromBinaries.Promtool);
        await using var d = await DaemonHarness.StartAsync(_home);
        await Eventually.UntilAsync(async () => (await d.Client.GetAsync("/readyz")).IsSuccessStatusCode);
        var text = await d.Client.GetStringAsync("/metrics");
        var psi = new ProcessStartInfo(promtool, "check metrics") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        await p.StandardInput.WriteAsync(text);
        p.StandardInput.Close();
        var err = await p.StandardError.ReadToEndAsync() + await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        p.ExitCode.Should().Be(0, err);
    }

    [Fact]
    public async Task Http_surfaces_leak_no_secret_and_no_fingerprint()
    {
        await using var d = await DaemonHarness.StartAsync(_home);
        await Eventually.UntilAsync(async () => (await d.Client.GetAsync("/readyz")).IsSuccessStatusCode);
        var fingerprints = d.Registry.Current.Stores.Values.SelectMany(s => s.Snapshot.Profiles)
            .SelectMany(p => new[] { p.AccessFingerprint?.Hex, p.RefreshFingerprint?.Hex }).OfType<string>().ToList();
        fingerprints.Should().NotBeEmpty();
        foreach (var path in new[] { "/", "/metrics", "/api/status", "/healthz", "/readyz" })
        {
            var response = await d.Client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            var body = await response.Content.ReadAsStringAsync();
            FixtureSecrets.AssertNoSecret(body, path, fingerprints);
        }

        var status = await d.Client.GetStringAsync("/api/status");
        status.Should().Contain("\"state\": \"stale\"").And.Contain("hr-bp");
        FixtureSecrets.AssertNoSecret(d.Logs.Text, "logs", fingerprints);
    }

    [Fact]
    public async Task New_agent_dir_and_atomic_replacement_show_up_on_metrics_quickly()
    {
        await using var d = await DaemonHarness.StartAsync(_home, new Dictionary<string, string?> { ["CredWatch:Scan:RescanInterval"] = "01:00:00" });
        await Eventually.UntilAsync(async () => (await d.Client.GetAsync("/readyz")).IsSuccessStatusCode);

        // A new agent appears (directory created after start): the recursive watcher must see it, not the hourly rescan.
        _home.Write(".openclaw/agents/newbie/agent/auth-profiles.json",
            Tokens.OAuthProfile("anthropic:claude-cli", "anthropic", Tokens.NewAccess, Tokens.NewRefresh, 4102444800000));
        await Eventually.UntilAsync(async () => (await d.Client.GetStringAsync("/metrics")).Contains("agent=\"newbie\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "new agent visible");

        // hr-bp gets resynced by an atomic rename-replacement: stale → in_sync.
        var hr = Path.Combine(_home.AgentDir("hr-bp"), OpenClawFiles.AuthProfiles);
        _home.AtomicReplace(hr, Tokens.OAuthProfile("anthropic:claude-cli", "anthropic", Tokens.NewAccess, Tokens.NewRefresh, 4102444800000));
        await Eventually.UntilAsync(async () => Scrape.Value(await d.Client.GetStringAsync("/metrics"), "credwatch_token_state", ("agent", "hr-bp"), ("state", "in_sync")) == 1,
            TimeSpan.FromSeconds(20), "atomic replace visible");
    }

    [Fact]
    public async Task Registry_raises_change_events_for_subscribers()
    {
        await using var d = await DaemonHarness.StartAsync(_home, new Dictionary<string, string?> { ["CredWatch:Scan:RescanInterval"] = "01:00:00" });
        await Eventually.Until(() => d.Registry.Current.Ready);
        var changed = new System.Collections.Concurrent.ConcurrentBag<StoreId>();
        d.Registry.Changed += (_, e) =>
        {
            foreach (var id in e.ChangedStores)
            {
                changed.Add(id);
            }
        };
        _home.AtomicReplace(_home.ClaudeCredentials, Tokens.Claude(Tokens.Access("r2"), Tokens.Refresh("r2"), 4102444800000));
        await Eventually.Until(() => changed.Contains(new StoreId(StoreLabels.ClaudeCli, null)), TimeSpan.FromSeconds(20), "claude change event");
        d.Registry.Current.Stores[new StoreId(StoreLabels.ClaudeCli, null)].LastChangeAt.Should().BeAfter(DateTimeOffset.UnixEpoch);
    }
}
