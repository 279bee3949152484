using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// Push mode as documented (docs/ops.md): CredWatch's metrics pushed to a real Pushgateway, scraped by a real
/// Prometheus with honor_labels, keep job=credwatch/instance=&lt;host&gt; and the shipped rules work on them.
/// </summary>
public sealed partial class PushModeTests
{
    [RequiresBinariesFact(PromBinaries.Prometheus, PromBinaries.Pushgateway)]
    public async Task Real_CredWatch_pushes_its_own_metrics_with_job_and_instance()
    {
        await using var pushgateway = await PushgatewayServer.StartAsync();
        await using var credWatch = await FixtureDaemon.StartAsync(environment: new Dictionary<string, string>
        {
            ["CREDWATCH_PUSH__ENDPOINT"] = pushgateway.BaseUri.ToString(),
            ["CREDWATCH_PUSH__JOB"] = "credwatch",
            ["CREDWATCH_PUSH__INSTANCE"] = "gw-real",
            ["CREDWATCH_PUSH__INTERVAL"] = "00:00:01",
        });

        // prometheus-net's MeterAdapter only listens after its first collection: poll until the push carries values.
        var text = string.Empty;
        try
        {
            await Eventually.UntilAsync(
                async () =>
                {
                    text = await pushgateway.GetMetricsTextAsync();
                    var lines = StoreUpLine().Matches(text).Select(m => m.Value).ToList();
                    // The task ledger's store_up can be pushed before the first credential scan: wait for the scan's stores.
                    return lines.Any(l => l.Contains("agent=\"hr-bp\"", StringComparison.Ordinal))
                        && lines.Any(l => l.Contains("store=\"claude-cli\"", StringComparison.Ordinal));
                },
                TimeSpan.FromSeconds(60),
                "credwatch_store_up of the scanned stores pushed by CredWatch");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "; pushgateway has:\n" + text + "\nCredWatch log:\n" + credWatch.Output, e);
        }

        var up = StoreUpLine().Matches(text).Select(m => m.Value).ToList();
        up.Should().Contain(l => l.Contains("agent=\"hr-bp\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        up.Should().NotContain(l => l.Contains("store=\"codex-cli\"", StringComparison.Ordinal),
            "the fixture home has no codex store: absent, so no store_up series (credwatch_store_present 0)");
        text.Should().NotContain("process_cpu_seconds_total{", "prometheus-net's default process metrics are kept out of the push")
            .And.NotContain("dotnet_collection_count_total{");
        credWatch.Output.Should().Contain("Pushing metrics to " + pushgateway.BaseUri + "metrics as job=credwatch instance=gw-real");

        // The shipped push scrape job's name rewrites (deploy/prometheus-pushgateway.yml) restore the scrape names.
        var shipped = await File.ReadAllTextAsync(Path.Combine(OpsFiles.Root, "deploy", "prometheus-pushgateway.yml"));
        var relabel = shipped[shipped.IndexOf("    metric_relabel_configs:", StringComparison.Ordinal)..];
        var options = new PrometheusServerOptions();
        options.Targets.Add(new PrometheusScrapeTarget("pushgateway", pushgateway.HostPort, HonorLabels: true, ExtraYaml: relabel));
        options.RuleFiles.Add(OpsFiles.Rules);
        await using var prometheus = await PrometheusServer.StartAsync(options);

        // The pushed series must be exactly the ones CredWatch's own /metrics shows (every store, every token), not a count
        // that goes stale whenever another component starts exporting a store.
        var mismatch = string.Empty;
        try
        {
            await Eventually.UntilAsync(
                async () =>
                {
                    var scraped = await credWatch.ScrapeAsync();
                    mismatch = string.Empty;
                    foreach (var name in new[] { "credwatch_store_up", "credwatch_token_expiry_timestamp_seconds" })
                    {
                        var own = Scrape.Series(scraped).Where(x => x.Name == name).Select(x => SeriesKey(x.Labels)).Order(StringComparer.Ordinal).ToList();
                        var pushed = (await prometheus.QueryAsync(name + "{job=\"credwatch\",instance=\"gw-real\"}")).Samples
                            .Select(x => SeriesKey(x.Labels)).Order(StringComparer.Ordinal).ToList();
                        if (own.Count == 0 || !own.SequenceEqual(pushed))
                        {
                            mismatch += $"{name}: /metrics [{string.Join("; ", own)}] vs pushed [{string.Join("; ", pushed)}]\n";
                        }
                    }

                    return mismatch.Length == 0
                        && (await prometheus.QueryAsync("credwatch_store_errors_total{instance=\"gw-real\"}")).Samples.Count > 0;
                },
                TimeSpan.FromSeconds(60),
                "pushed metrics scraped from the Pushgateway with the pushed job/instance, under the scrape names, same series as CredWatch's /metrics");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + ":\n" + mismatch, e);
        }

        await Eventually.UntilAsync(
            async () => (await prometheus.GetAlertsAsync()).Any(a => a.Name == "CredWatchCopyStale" && a.Label("instance") == "gw-real" && a.Label("agent") == "hr-bp"),
            TimeSpan.FromSeconds(60),
            "the shipped rules fire on the real pushed credwatch_token_state");
        (await prometheus.QueryAsync("{__name__=~\"credwatch_exporter_.*\"}")).Samples.Should().BeEmpty("every pushed name is rewritten");
        FixtureSecrets.AssertNoSecret(text + credWatch.Output, "pushed metrics and CredWatch log");
    }

    [Theory]
    [InlineData("not a url", "not an absolute http(s) URL")]
    [InlineData("ftp://127.0.0.1:9091", "not an absolute http(s) URL")]
    [InlineData("http://user:pw@127.0.0.1:9091", "user info")]
    public void Bad_push_endpoint_is_rejected_at_start(string endpoint, string reason)
    {
        var result = new CredWatch.Exporter.Hosting.Push.PushOptionsValidator().Validate(null, new() { Endpoint = endpoint });
        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(reason);
    }

    [Fact]
    public void Push_options_validate_job_instance_and_interval_and_are_off_without_endpoint()
    {
        var validator = new CredWatch.Exporter.Hosting.Push.PushOptionsValidator();
        validator.Validate(null, new() { Interval = TimeSpan.Zero }).Succeeded.Should().BeTrue("push is off without an endpoint");
        var result = validator.Validate(null, new() { Endpoint = "http://127.0.0.1:9091", Job = "", Instance = "a/b", Interval = TimeSpan.FromMilliseconds(10) });
        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Job").And.Contain("Instance").And.Contain("Interval");
        validator.Validate(null, new() { Endpoint = "https://push.example:9091/", Instance = "gw-1" }).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Invalid_push_configuration_stops_CredWatch_at_start()
    {
        var act = async () => await FixtureDaemon.StartAsync(environment: new Dictionary<string, string> { ["CREDWATCH_PUSH__ENDPOINT"] = "pushgateway:9091" });
        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("CredWatch:Push:Endpoint");
    }

    /// <summary>The documented scrape config with a hand-made exposition in the OTel naming (what the rules are written for).</summary>
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
        var age = await prometheus.QueryAsync("time() - max by (instance, job) (push_time_seconds{job=~\"credwatch.*\",instance=\"gw-push\"})");
        age.Samples.Should().ContainSingle().Which.Label("instance").Should().Be("gw-push");
        age.Samples[0].Value.Should().BeLessThan(300);

        await Eventually.UntilAsync(
            async () => (await prometheus.GetAlertsAsync()).Any(a => a.Name == "CredWatchCopyStale" && a.Label("instance") == "gw-push"),
            TimeSpan.FromSeconds(60),
            "the shipped rules fire on pushed metrics");
    }

    /// <summary>
    /// A series' identifying labels (store, agent, profile …): without the name, the job/instance the push adds and
    /// the OTel scope labels (meter metadata, not series identity).
    /// </summary>
    private static string SeriesKey(IReadOnlyDictionary<string, string> labels) =>
        string.Join(",", labels.Where(l => l.Key is not ("__name__" or "job" or "instance") && !l.Key.StartsWith("otel_scope_", StringComparison.Ordinal))
            .OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    [System.Text.RegularExpressions.GeneratedRegex(@"^credwatch_exporter_credwatch_store_up\{[^}]*instance=""gw-real""[^}]*\} [01]$", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex StoreUpLine();
}
