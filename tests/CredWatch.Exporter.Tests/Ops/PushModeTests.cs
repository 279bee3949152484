using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// Push mode as documented (docs/ops.md): CredWatch's metrics pushed to a real Pushgateway, scraped by a real
/// Prometheus with honor_labels, keep job=credwatch/instance=&lt;host&gt; and the shipped rules work on them.
/// </summary>
public sealed class PushModeTests
{
    [RequiresBinariesFact(PromBinaries.Prometheus, PromBinaries.Pushgateway)]
    public async Task Pushed_metrics_keep_their_job_and_instance_and_feed_the_rules()
    {
        await using var pushgateway = await PushgatewayServer.StartAsync();
        await pushgateway.PushAsync("credwatch", "gw-push", new SampleExposition(DateTimeOffset.UtcNow) { MainCopyStale = true }.Render());
        var options = new PrometheusServerOptions();
        options.Targets.Add(new PrometheusScrapeTarget("pushgateway", pushgateway.HostPort, HonorLabels: true));
        options.RuleFiles.Add(OpsFiles.Rules);
        await using var prometheus = await PrometheusServer.StartAsync(options);

        await Eventually.UntilAsync(
            async () => (await prometheus.QueryAsync("credwatch_build_info{job=\"credwatch\",instance=\"gw-push\"}")).Samples.Count == 1,
            TimeSpan.FromSeconds(60),
            "pushed credwatch_build_info scraped with the pushed job/instance");

        // CredWatchPushStale's input exists for the pushed group (and is fresh).
        var age = await prometheus.QueryAsync("time() - max by (instance, job) (push_time_seconds{job=~\"credwatch.*\"})");
        age.Samples.Should().ContainSingle().Which.Label("instance").Should().Be("gw-push");
        age.Samples[0].Value.Should().BeLessThan(300);

        await Eventually.UntilAsync(
            async () => (await prometheus.GetAlertsAsync()).Any(a => a.Name == "CredWatchCopyStale" && a.Label("instance") == "gw-push"),
            TimeSpan.FromSeconds(60),
            "the shipped rules fire on pushed metrics");
    }
}
