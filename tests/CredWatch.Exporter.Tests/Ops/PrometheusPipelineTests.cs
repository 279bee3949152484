using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// The real CredWatch daemon on a fixture home whose openclaw/hr-bp copy is stale, scraped by a real Prometheus
/// evaluating the shipped rules, alerting a real Alertmanager running the shipped example config:
/// CredWatchCopyStale firing in /api/v1/alerts → held by Alertmanager with its fix command → resolved once
/// the copy is replaced by the current login (what a sync does).
/// </summary>
public sealed class PrometheusPipelineTests
{
    private const string BotToken = "123456:FIXTUREbotPIPELINE";

    [RequiresBinariesFact(PromBinaries.Prometheus, PromBinaries.Alertmanager)]
    public async Task Stale_copy_fires_CredWatchCopyStale_through_Prometheus_into_Alertmanager_and_resolves()
    {
        await using var credWatch = await CredWatchProcess.StartAsync();
        // Until the loopback Bot API server (TestSupport/Telegram) is wired in, api_url points at a closed
        // loopback port: the config is the shipped one, only where it delivers changes.
        await using var alertmanager = await AlertmanagerServer.StartAsync(
            AlertmanagerExampleConfig.Render(new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}/"), BotToken, -1001234567890));
        var options = new PrometheusServerOptions { AlertmanagerHostPort = alertmanager.HostPort };
        options.Targets.Add(new PrometheusScrapeTarget("credwatch", credWatch.HostPort));
        options.RuleFiles.Add(OpsFiles.Rules);
        await using var prometheus = await PrometheusServer.StartAsync(options);

        PromAlert? fired = null;
        await Eventually.UntilAsync(
            async () =>
            {
                fired = (await prometheus.GetAlertsAsync()).FirstOrDefault(a => a.Name == "CredWatchCopyStale" && a.State == "firing");
                return fired is not null;
            },
            TimeSpan.FromSeconds(90),
            "CredWatchCopyStale firing in Prometheus");

        fired!.Label("agent").Should().Be("hr-bp");
        fired.Label("profile").Should().Be("anthropic:claude-cli");
        fired.Label("severity").Should().Be("critical");
        fired.Annotations["description"].Should().Contain("credwatch sync")
            .And.Contain("openclaw models auth login --agent hr-bp --provider anthropic --profile-id 'anthropic:claude-cli'");
        (await prometheus.GetAlertsAsync()).Should().NotContain(a => a.Name == "CredWatchFingerprintMismatch" && a.State == "firing",
            "a stale copy is reported once, as stale");

        PromAlert? held = null;
        await Eventually.UntilAsync(
            async () =>
            {
                held = (await alertmanager.GetAlertsAsync()).FirstOrDefault(a => a.Name == "CredWatchCopyStale");
                return held is not null;
            },
            TimeSpan.FromSeconds(60),
            "Alertmanager received CredWatchCopyStale");
        held!.State.Should().Be("active");
        held.Label("instance").Should().Be(credWatch.HostPort);

        // The copy gets the current login (as a sync would): CredWatch sees in_sync, the alert leaves Prometheus' list.
        var home = credWatch.Home;
        home.AtomicReplace(
            Path.Combine(home.AgentDir("hr-bp"), "auth-profiles.json"),
            await File.ReadAllTextAsync(Path.Combine(home.AgentDir("main"), "auth-profiles.json")));
        await Eventually.UntilAsync(
            async () => !(await prometheus.GetAlertsAsync()).Any(a => a.Name == "CredWatchCopyStale"),
            TimeSpan.FromSeconds(60),
            "CredWatchCopyStale resolved");

        // Only Prometheus' side: Alertmanager 0.25 itself logs the bot token (in the sendMessage URL) on
        // every failed Telegram attempt — documented in docs/ops.md and deploy/alertmanager/alertmanager.yml.
        FixtureSecrets.AssertNoSecret(
            prometheus.Output + string.Join('\n', held.Annotations.Values) + credWatch.Output + await credWatch.ScrapeAsync(),
            "prometheus output, alert annotations, CredWatch log and /metrics",
            extra: ["FIXTUREbotPIPELINE"]);
    }

    [Fact(Skip = "Needs tests/CredWatch.TestSupport/Telegram/BotApiTestServer, merged into main after this branch was cut " +
                 "(a helper may not merge). Everything up to Alertmanager holding the real CredWatch's alert runs in the test above. " +
                 "To finish: `await using var bot = await BotApiTestServer.StartAsync();` pass `bot.BaseUrl` to " +
                 "AlertmanagerExampleConfig.Render and poll bot.DeliveredMessages for the CredWatchCopyStale text with agent hr-bp.")]
    public Task Real_CredWatch_stale_copy_reaches_Telegram_through_Alertmanager() => Task.CompletedTask;
}
