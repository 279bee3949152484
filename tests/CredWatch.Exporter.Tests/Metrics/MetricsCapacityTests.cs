using System.Globalization;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Tests.Metrics;

/// <summary>
/// The fleet-shaped metrics are sized for the fleet found at start (twice it, at least 250 agents, or
/// <c>CredWatch:Metrics:AgentCapacity</c>): small daemons stop preallocating points for 2,000 agents, and a fleet that
/// outgrows its capacity is said loudly (log, gauges, the overflow series the <c>CredWatchMetricsOverflow</c> rule reads).
/// </summary>
[Collection(InProcessDaemons.Name)]
public sealed class MetricsCapacityTests : IDisposable
{
    private readonly TempHome _home = new(withFixtures: false);

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData(0, 0, 250)]
    [InlineData(100, 0, 250)]
    [InlineData(125, 0, 250)]
    [InlineData(1_000, 0, 2_000)]
    [InlineData(1_000, 300, 300)]
    [InlineData(5, 10_000, 10_000)]
    [InlineData(40_000, 0, CardinalityLimits.MaxAgentCapacity)]
    public void Capacity_is_twice_the_fleet_found_at_least_250_unless_configured(int found, int configured, int expected)
    {
        var limits = CardinalityLimits.ForFleet(found, configured);

        limits.AgentCapacity.Should().Be(expected);
        limits.PerStoreFanOut.Should().BeGreaterThanOrEqualTo(expected * 12, "12 one-hot states per credential");
        limits.PerStore.Should().BeGreaterThanOrEqualTo(expected * 2, "two profiles per agent");
    }

    [Fact]
    public void A_small_fleet_preallocates_a_fraction_of_the_points_a_large_one_does()
    {
        var small = CardinalityLimits.ForFleet(100, 0);
        var large = CardinalityLimits.ForFleet(1_000, 0);

        // The points OTel preallocates (72 bytes each) for the 2 fan-out and 22 per-store instruments.
        static long Points(CardinalityLimits l) => (2L * l.PerStoreFanOut) + (22L * l.PerStore);
        Points(small).Should().BeLessThan(Points(large) / 5);
        (Points(small) * 72).Should().BeLessThan(2 * 1024 * 1024, "a 100-agent daemon preallocates under 2 MB (was 12.3 MB at fixed limits)");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("50001")]
    public async Task An_impossible_capacity_stops_the_start_naming_the_key(string value)
    {
        var act = async () => await DaemonHarness.StartAsync(_home, new Dictionary<string, string?> { ["CredWatch:Metrics:AgentCapacity"] = value });

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("CredWatch:Metrics:AgentCapacity");
    }

    [Fact]
    public async Task A_fleet_past_its_capacity_is_logged_and_exported_and_its_overflow_series_is_visible()
    {
        // 150 agents against a configured capacity of 1: store_up's limit is (1 + 64) x 2 = 130 points, so series fold.
        for (var i = 0; i < 150; i++)
        {
            WriteAgent(i);
        }

        await using var d = await DaemonHarness.StartAsync(_home, new Dictionary<string, string?> { ["CredWatch:Metrics:AgentCapacity"] = "1" });
        await Eventually.UntilAsync(async () => (await d.Client.GetAsync("/readyz")).IsSuccessStatusCode, because: "first scan");
        var text = await d.Client.GetStringAsync("/metrics");

        Scrape.Value(text, "credwatch_metrics_agent_capacity").Should().Be(1);
        Scrape.Value(text, "credwatch_metrics_agents").Should().Be(150);
        Scrape.Series(text).Where(s => s.Name == "credwatch_store_up" && s.Labels.GetValueOrDefault("otel_metric_overflow") == "true")
            .Should().ContainSingle("OTel folds the series past the limit into one overflow series, which the rule selects");
        await Eventually.UntilAsync(() => Task.FromResult(d.Logs.Text.Contains("[1931] 150 OpenClaw agents now, but the metrics were sized for 1", StringComparison.Ordinal)),
            because: "the crossing is logged as a warning");
    }

    [Fact]
    public async Task Growing_past_the_capacity_and_back_logs_each_crossing_once()
    {
        WriteAgent(0);
        await using var d = await DaemonHarness.StartAsync(_home, new Dictionary<string, string?> { ["CredWatch:Metrics:AgentCapacity"] = "2" });
        await Eventually.UntilAsync(async () => (await d.Client.GetAsync("/readyz")).IsSuccessStatusCode, because: "first scan");
        d.Logs.Text.Should().NotContain("[1931]");

        WriteAgent(1);
        WriteAgent(2);
        await Eventually.UntilAsync(async () => Scrape.Value(await d.Client.GetStringAsync("/metrics"), "credwatch_metrics_agents") == 3, because: "two agents added");
        await Eventually.UntilAsync(() => Task.FromResult(d.Logs.Text.Contains("[1931] 3 OpenClaw agents now", StringComparison.Ordinal)), because: "3 > 2 is a crossing");

        Directory.Delete(Path.Combine(_home.OpenClawState, "agents", Agent(2)), recursive: true);
        await Eventually.UntilAsync(() => Task.FromResult(d.Logs.Text.Contains("[1932] 2 OpenClaw agents: back within", StringComparison.Ordinal)), because: "back to 2");
        CountOf(d.Logs.Text, "[1931]").Should().Be(1, "one warning per crossing, not one per scan");
    }

    [Fact]
    public async Task A_credwatch_meter_of_another_host_in_the_same_process_is_not_exported()
    {
        // OTel picks meters by name process-wide; a second host's CredWatch.Exporter meter (another in-process test,
        // an embedding application) must not leak into this host's scrape or overwrite its values.
        WriteAgent(0);
        await using var d = await DaemonHarness.StartAsync(_home);
        await Eventually.UntilAsync(async () => (await d.Client.GetAsync("/readyz")).IsSuccessStatusCode, because: "first scan");
        using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var meter = other.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>().Create(new System.Diagnostics.Metrics.MeterOptions(MetricNames.Meter));
        meter.CreateObservableGauge("credwatch.crosstalk.probe", () => 1);
        meter.CreateObservableGauge(MetricNames.MetricsAgents, () => 999);

        var text = await d.Client.GetStringAsync("/metrics");

        text.Should().NotContain("credwatch_crosstalk_probe");
        Scrape.Value(text, "credwatch_metrics_agents").Should().Be(1, "this host's own value, not the other host's 999");
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;

    private static string Agent(int i) => "agent-" + i.ToString("D3", CultureInfo.InvariantCulture);

    private void WriteAgent(int i) =>
        _home.Write($".openclaw/agents/{Agent(i)}/agent/auth-profiles.json",
            "{\"version\":1,\"profiles\":{\"anthropic:claude-cli\":{\"type\":\"oauth\",\"provider\":\"claude-cli\",\"access\":\"" + Tokens.Access("K" + i)
            + "\",\"refresh\":\"" + Tokens.Refresh("K" + i) + "\",\"expires\":" + DateTimeOffset.UtcNow.AddDays(3).ToUnixTimeMilliseconds() + "}}}");
}
