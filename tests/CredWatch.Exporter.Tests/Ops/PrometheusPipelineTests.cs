using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// The shipped rules in a real Prometheus, alerting a real Alertmanager running the shipped example config:
/// a stale copy scraped → CredWatchCopyStale firing in /api/v1/alerts → held by Alertmanager with its fix
/// command → resolved when the copy is in sync again.
/// </summary>
public sealed class PrometheusPipelineTests
{
    private const string BotToken = "123456:FIXTUREbotPIPELINE";

    [RequiresBinariesFact(PromBinaries.Prometheus, PromBinaries.Alertmanager)]
    public async Task Stale_copy_fires_CredWatchCopyStale_through_Prometheus_into_Alertmanager_and_resolves()
    {
        var now = DateTimeOffset.UtcNow;
        await using var endpoint = await StaticMetricsEndpoint.StartAsync(new SampleExposition(now) { MainCopyStale = true }.Render());
        // Until the loopback Bot API server (TestSupport/Telegram) is wired in, api_url points at a closed
        // loopback port: the config is the shipped one, only where it delivers changes.
        await using var alertmanager = await AlertmanagerServer.StartAsync(
            AlertmanagerExampleConfig.Render(new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}/"), BotToken, -1001234567890));
        var options = new PrometheusServerOptions { AlertmanagerHostPort = alertmanager.HostPort };
        options.Targets.Add(new PrometheusScrapeTarget("credwatch", endpoint.HostPort));
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

        fired!.Label("agent").Should().Be("main");
        fired.Label("profile").Should().Be("anthropic:default");
        fired.Label("severity").Should().Be("critical");
        fired.Annotations["description"].Should().Contain("credwatch sync")
            .And.Contain("openclaw models auth login --agent main --provider anthropic --profile-id 'anthropic:default'");
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
        held.Label("instance").Should().Be(endpoint.HostPort);

        // The copy is synced again: the alert leaves Prometheus' list.
        endpoint.Body = new SampleExposition(now).Render();
        await Eventually.UntilAsync(
            async () => !(await prometheus.GetAlertsAsync()).Any(a => a.Name == "CredWatchCopyStale"),
            TimeSpan.FromSeconds(60),
            "CredWatchCopyStale resolved");

        // Only Prometheus' side: Alertmanager 0.25 itself logs the bot token (in the sendMessage URL) on
        // every failed Telegram attempt — documented in docs/ops.md and deploy/alertmanager/alertmanager.yml.
        FixtureSecrets.AssertNoSecret(prometheus.Output + string.Join('\n', held.Annotations.Values), "prometheus output and alert annotations",
            extra: ["FIXTUREbotPIPELINE"]);
    }

    [Fact(Skip = "Integration: needs the CredWatch host (Program.cs) and TestSupport/Telegram's loopback Bot API server. " +
                 "Replace StaticMetricsEndpoint with a real CredWatch on a fixture home whose main copy is stale, " +
                 "and pass the Bot API server's root to AlertmanagerExampleConfig.Render; then assert the message arrives.")]
    public Task Real_CredWatch_stale_copy_reaches_Telegram_through_Alertmanager() => Task.CompletedTask;
}
