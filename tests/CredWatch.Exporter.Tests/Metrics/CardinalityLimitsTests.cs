using System.Diagnostics.Metrics;
using System.Globalization;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CredWatch.Exporter.Tests.Metrics;

/// <summary>
/// Per-metric cardinality limits are sized from label shape and the fleet found at start (CardinalityLimits): a fleet
/// past 1,000 agents must still export every series — a series over OTel's limit would fold into <c>otel_metric_overflow</c>.
/// </summary>
[Collection(InProcessDaemons.Name)]
public sealed class CardinalityLimitsTests : IDisposable
{
    private const int Agents = 1_200;
    private readonly TempHome _home = new(withFixtures: false);

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task A_fleet_of_1200_agents_exports_every_series_and_nothing_overflows()
    {
        var expires = DateTimeOffset.UtcNow.AddDays(3).ToUnixTimeMilliseconds();
        for (var i = 0; i < Agents; i++)
        {
            var agent = "agent-" + i.ToString("D4", CultureInfo.InvariantCulture);
            _home.Write($".openclaw/agents/{agent}/agent/auth-profiles.json",
                "{\"version\":1,\"profiles\":{\"anthropic:claude-cli\":{\"type\":\"oauth\",\"provider\":\"claude-cli\",\"access\":\"" + Tokens.Access("C" + i)
                + "\",\"refresh\":\"" + Tokens.Refresh("C" + i) + "\",\"expires\":" + expires + "},"
                + "\"openrouter:default\":{\"type\":\"api_key\",\"provider\":\"openrouter\",\"key\":\"sk-or-CARD\"}},"
                + "\"lastGood\":{\"anthropic\":\"anthropic:claude-cli\"},\"usageStats\":{\"anthropic:claude-cli\":{\"lastUsed\":1773395882000,\"errorCount\":0}}}");
        }

        await using var d = await DaemonHarness.StartAsync(_home);
        await Eventually.UntilAsync(async () => (await d.Client.GetAsync("/readyz")).IsSuccessStatusCode, because: "first scan of 1,200 stores", timeout: TimeSpan.FromMinutes(3));
        var text = await d.Client.GetStringAsync("/metrics");

        text.Should().NotContain("otel_metric_overflow", "no CredWatch metric may drop a series at this fleet size");
        var series = Scrape.Series(text).ToList();
        int Count(string name) => series.Count(s => s.Name == name && s.Labels.GetValueOrDefault("store") == "openclaw");
        Count("credwatch_store_up").Should().Be(Agents);
        var reasons = series.Where(s => s.Name == "credwatch_store_errors_total" && s.Labels.GetValueOrDefault("store") == "openclaw").Select(s => s.Labels["reason"]).Distinct().Count();
        reasons.Should().BeGreaterThanOrEqualTo(10);
        Count("credwatch_store_errors_total").Should().Be(Agents * reasons, "every reason is present from 0 for every store");
        var credentials = series.Where(s => s.Name == "credwatch_token_state" && s.Labels.GetValueOrDefault("store") == "openclaw")
            .Select(s => (s.Labels["agent"], s.Labels["profile"])).Distinct().Count();
        credentials.Should().BeGreaterThanOrEqualTo(Agents);
        Count("credwatch_token_state").Should().Be(credentials * 12, "the state is one-hot over 12 states for every credential");
        Count("credwatch_store_schema_version").Should().Be(Agents);
        series.Single(s => s.Name == "credwatch_metrics_agents").Value.Should().Be(Agents);
        series.Single(s => s.Name == "credwatch_metrics_agent_capacity").Value.Should().Be(2 * Agents, "twice the fleet found at start");
        series.Count(s => s.Name == "credwatch_profile_last_good").Should().BeGreaterThanOrEqualTo(Agents);
        series.Count(s => s.Name == "credwatch_agent_usable_providers").Should().BeGreaterThanOrEqualTo(Agents);
    }

    [Fact]
    public async Task Every_instrument_of_a_running_daemon_has_a_limit_from_its_label_shape()
    {
        // An instrument the table does not know falls back to OTel's default (2,000 preallocated points): either a
        // wasted ~140 kB or, for a fleet-shaped one, silently dropped series past 2,000. New instruments must be listed.
        using var fixtures = new TempHome();
        await using var d = await DaemonHarness.StartAsync(fixtures);
        await Eventually.UntilAsync(async () => (await d.Client.GetAsync("/readyz")).IsSuccessStatusCode, because: "first scan");
        var instruments = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name.StartsWith("CredWatch", StringComparison.Ordinal))
                {
                    lock (instruments)
                    {
                        instruments.Add(instrument);
                    }
                }
            },
        };
        listener.Start();

        instruments.Select(i => i.Meter.Name).Distinct().Should().Contain(["CredWatch.Exporter", "CredWatch.LogTail", "CredWatch.Alerts"]);
        var limits = d.App.Services.GetRequiredService<CardinalityLimits>();
        instruments.Where(i => limits.For(i) is null).Select(i => i.Name).Should().BeEmpty();
        limits.For(instruments.First(i => i.Name == MetricNames.TokenState)).Should().Be(limits.PerStoreFanOut);
    }
}
