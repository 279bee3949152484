using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;
using CredWatch.TestSupport.Telegram;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// The real CredWatch daemon on a fixture home whose openclaw/hr-bp copy is stale, scraped by a real Prometheus
/// evaluating the shipped rules, alerting a real Alertmanager running the shipped example config:
/// CredWatchCopyStale firing in /api/v1/alerts → held by Alertmanager with its fix command → delivered by
/// Alertmanager's Telegram receiver to a loopback Bot API server → resolved once the copy is replaced by the
/// current login (what a sync does).
/// </summary>
public sealed class PrometheusPipelineTests
{
    private const string BotToken = "123456:FIXTUREbotPIPELINE";

    [RequiresBinariesFact(PromBinaries.Prometheus, PromBinaries.Alertmanager)]
    public async Task Stale_copy_fires_CredWatchCopyStale_through_Prometheus_into_Alertmanager_and_resolves()
    {
        await using var credWatch = await FixtureDaemon.StartAsync();
        await using var bot = await BotApiTestServer.StartAsync();
        // The shipped config; only where it delivers changes (api_url → the loopback Bot API server).
        await using var alertmanager = await AlertmanagerServer.StartAsync(
            AlertmanagerExampleConfig.Render(bot.BaseUrl, BotToken, -1001234567890));
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

        // group_wait (30 s in the shipped config) later, Alertmanager's telegram receiver sends it.
        BotApiRequest? delivered = null;
        await Eventually.Until(
            () =>
            {
                delivered = bot.DeliveredMessages.FirstOrDefault(m => m.Text?.Contains("CredWatchCopyStale", StringComparison.Ordinal) == true
                    || m.Text?.Contains("hr-bp", StringComparison.Ordinal) == true);
                return delivered is not null;
            },
            TimeSpan.FromSeconds(120),
            "Alertmanager delivered CredWatchCopyStale to the loopback Bot API server");
        delivered!.ChatIdNumber.Should().Be(-1001234567890);
        delivered.Token.Should().Be(BotToken);
        delivered.Text.Should().Contain("hr-bp").And.Contain("credwatch sync");

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
            prometheus.Output + string.Join('\n', held.Annotations.Values) + credWatch.Output + await credWatch.ScrapeAsync()
                + string.Join('\n', bot.DeliveredMessages.Select(m => m.Text)),
            "prometheus output, alert annotations, CredWatch log and /metrics",
            extra: ["FIXTUREbotPIPELINE"]);
    }
}
