using System.Diagnostics.Metrics;
using System.Text.Json;
using CredWatch.Exporter.Cli;
using CredWatch.Exporter.Health;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static CredWatch.Exporter.Tests.Health.HealthHarness;

namespace CredWatch.Exporter.Tests.Health;

public sealed class HealthSurfacesTests : IDisposable
{
    private readonly TempHome _home = new(withFixtures: false);

    public void Dispose() => _home.Dispose();

    // main: anthropic cooling down for 20 min after auth failures, openai-codex disabled (auth_permanent) for a day.
    private void WriteCoolingMain() => new HealthStores()
        .OAuth("anthropic:work", "anthropic", Ms(TimeSpan.FromDays(2)), "work")
        .OAuth("openai-codex:default", "openai-codex", Ms(TimeSpan.FromDays(2)), "codex")
        .Usage("anthropic:work", $$"""{"cooldownUntil":{{Ms(TimeSpan.FromMinutes(20))}},"errorCount":4,"failureCounts":{"auth":4},"lastUsed":{{Ms(TimeSpan.FromMinutes(-2))}},"lastFailureAt":{{Ms(TimeSpan.FromMinutes(-2))}} }""")
        .Usage("openai-codex:default", $$"""{"disabledUntil":{{Ms(TimeSpan.FromDays(1))}},"disabledReason":"auth_permanent"}""")
        .LastGood("anthropic", "anthropic:work")
        .WriteV1(_home, "main");

    [Fact]
    public async Task Moving_the_clock_past_cooldownUntil_flips_the_usable_counts_back()
    {
        WriteCoolingMain();
        using var h = Create(_home);
        _ = h.Services.GetRequiredService<HealthMetrics>();
        var factory = h.Services.GetRequiredService<IMeterFactory>();
        using var providers = new MetricCollector<int>(factory, MetricNames.Meter, MetricNames.AgentUsableProviders);
        using var profiles = new MetricCollector<int>(factory, MetricNames.Meter, MetricNames.AgentUsableProfiles);
        using var cooldown = new MetricCollector<double>(factory, MetricNames.Meter, MetricNames.ProfileCooldownUntil);
        using var errors = new MetricCollector<long>(factory, MetricNames.Meter, MetricNames.ProfileErrors);
        using var disabled = new MetricCollector<int>(factory, MetricNames.Meter, MetricNames.ProfileDisabled);
        await h.ScanAsync();

        Collect(providers, profiles, cooldown, errors, disabled);
        Latest(providers, "main").Should().Be(0);
        LatestFor(profiles, ("agent", "main"), ("provider", "anthropic")).Should().Be(0);
        LatestFor(cooldown, ("profile", "anthropic:work"), ("store", "openclaw"), ("agent", "main")).Should().Be(Ms(TimeSpan.FromMinutes(20)) / 1000.0);
        LatestFor(errors, ("profile", "anthropic:work")).Should().Be(4);
        LatestFor(disabled, ("profile", "openai-codex:default"), ("reason", "auth_permanent")).Should().Be(1);
        HealthAlertConditions.From(h.Monitor.Current).Single().Firing.Should().BeTrue();

        // No file changes: only time passes. OpenClaw would use the anthropic profile again, and so must the counts.
        h.Time.Advance(TimeSpan.FromMinutes(21));
        Collect(providers, profiles, cooldown, errors, disabled);
        Latest(providers, "main").Should().Be(1);
        LatestFor(profiles, ("agent", "main"), ("provider", "anthropic")).Should().Be(1);
        LatestFor(profiles, ("agent", "main"), ("provider", "openai-codex")).Should().Be(0);
        LatestFor(cooldown, ("profile", "anthropic:work")).Should().Be(0, "a cooldown in the past is none");
        var alert = HealthAlertConditions.From(h.Monitor.Current).Single();
        alert.Firing.Should().BeFalse();
        alert.ResolvedText.Should().Be("agent main has usable model auth again (anthropic)");
        h.Logs.Text.Should().Contain("[3501]").And.Contain("[3502]");
    }

    [Fact]
    public async Task A_report_is_reused_until_its_first_window_ends_and_evaluated_again_at_that_instant()
    {
        WriteCoolingMain();
        using var h = Create(_home);
        await h.ScanAsync();

        var first = h.Monitor.Current;
        first.ValidUntil.Should().Be(T0 + TimeSpan.FromMinutes(20), "the anthropic cooldown is the first window to end");
        first.Agents.Single().NoUsableAuth.Should().BeTrue();

        // Scrapes every second for 19 minutes ask for the same answer: no evaluation in between.
        h.Time.Advance(TimeSpan.FromMinutes(19));
        h.Monitor.Current.Should().BeSameAs(first);

        h.Time.Advance(TimeSpan.FromMinutes(1));
        var second = h.Monitor.Current;
        second.Should().NotBeSameAs(first);
        second.Agents.Single().NoUsableAuth.Should().BeFalse("the cooldown ended exactly now");
        second.ValidUntil.Should().Be(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), "the next pending change is the day's end (texts print dates)");

        // A new registry generation is evaluated at once, whatever the deadline.
        WriteCoolingMain();
        await h.ScanAsync();
        h.Monitor.Current.Should().NotBeSameAs(second);
    }

    [Fact]
    public async Task Check_is_critical_with_no_usable_provider_and_ok_once_it_recovers()
    {
        WriteCoolingMain();
        using var h = Create(_home);
        var state = await h.ScanAsync();
        var contributor = h.Services.GetServices<ICheckContributor>().OfType<HealthCheckContributor>().Should().ContainSingle().Subject;

        var lines = await contributor.GetLinesAsync(state, CancellationToken.None);
        var worst = lines.Max(l => l.Severity);
        worst.Should().Be(CheckSeverity.Critical);
        ((int)worst).Should().Be(2);
        var line = lines.Single(l => l.Subject == "agent main");
        line.Message.Should().StartWith("agent main has no usable model auth — anthropic cooling down until 12:20 UTC after auth failures, openai-codex disabled (auth_permanent)");
        line.Message.Should().Contain("next cooldown ends 12:20 UTC");
        var table = CredWatch.Exporter.Reporting.CheckReport.Table(worst, lines);
        table.Should().StartWith("CREDWATCH CRITICAL");

        h.Time.Advance(TimeSpan.FromMinutes(30));
        lines = await contributor.GetLinesAsync(state, CancellationToken.None);
        lines.Single(l => l.Subject == "agent main").Severity.Should().Be(CheckSeverity.Warning, "openai-codex is still disabled");
        ((int)lines.Max(l => l.Severity)).Should().BeLessThan((int)CheckSeverity.Critical);
    }

    [Fact]
    public async Task Ignored_agent_is_never_critical_nor_alerted()
    {
        WriteCoolingMain();
        using var h = Create(_home, new Dictionary<string, string?> { ["CredWatch:Health:IgnoreAgents:0"] = "main" });
        var state = await h.ScanAsync();
        var lines = await h.Services.GetServices<ICheckContributor>().OfType<HealthCheckContributor>().Single().GetLinesAsync(state, CancellationToken.None);
        lines.Max(l => l.Severity).Should().Be(CheckSeverity.Warning);
        HealthAlertConditions.From(h.Monitor.Current).Should().BeEmpty();
    }

    [Fact]
    public async Task Status_section_carries_agents_profiles_and_smells()
    {
        WriteCoolingMain();
        using var h = Create(_home);
        await h.ScanAsync();
        var status = h.Services.GetServices<IStatusContributor>().OfType<HealthStatusContributor>().Single();
        status.Name.Should().Be("health");

        using var doc = JsonDocument.Parse(status.GetStatus()!.ToJsonString());
        var agent = doc.RootElement.GetProperty("agents")[0];
        agent.GetProperty("agent").GetString().Should().Be("main");
        agent.GetProperty("usableProviders").GetInt32().Should().Be(0);
        agent.GetProperty("noUsableAuth").GetBoolean().Should().BeTrue();
        agent.GetProperty("providers")[0].GetProperty("profiles")[0].GetProperty("reasons")[0].GetString().Should().Be("cooldown");
        doc.RootElement.GetProperty("profiles").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task No_secret_or_email_reaches_metrics_status_check_alerts_or_logs()
    {
        const string email = "jane.doe@example.com";
        new HealthStores()
            .OAuth($"anthropic:{email}", "anthropic", Ms(TimeSpan.FromDays(1)), "NEW0000000000000000000000000000000000000000000000000000000000000000-AAAA")
            .Token("anthropic:setup", "anthropic", Ms(-TimeSpan.FromHours(1)), "setup")
            .ApiKey("openrouter:default", "openrouter")
            .FailedFence("openai:default", "openai")
            .Usage($"anthropic:{email}", $$"""{"disabledUntil":{{Ms(TimeSpan.FromDays(1))}},"disabledReason":"billing","failureCounts":{"billing":1} }""")
            .Usage("openrouter:default", $$"""{"lastUsed":{{Ms(TimeSpan.FromMinutes(-3))}} }""")
            .LastGood("anthropic", $"anthropic:{email}")
            .WriteSqlite(_home, "main");
        using var h = Create(_home);
        _ = h.Services.GetRequiredService<HealthMetrics>();
        var factory = h.Services.GetRequiredService<IMeterFactory>();
        var tags = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == MetricNames.Meter)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, _, t, _) => tags.AddRange(t.ToArray().Select(kv => $"{kv.Key}={kv.Value}")));
        listener.SetMeasurementEventCallback<long>((_, _, t, _) => tags.AddRange(t.ToArray().Select(kv => $"{kv.Key}={kv.Value}")));
        listener.SetMeasurementEventCallback<double>((_, _, t, _) => tags.AddRange(t.ToArray().Select(kv => $"{kv.Key}={kv.Value}")));
        listener.Start();
        var state = await h.ScanAsync();
        listener.RecordObservableInstruments();

        var report = h.Monitor.Current;
        var outputs = new Dictionary<string, string>
        {
            ["metric labels"] = string.Join("\n", tags),
            ["status"] = h.Services.GetServices<IStatusContributor>().OfType<HealthStatusContributor>().Single().GetStatus()!.ToJsonString(),
            ["check"] = CredWatch.Exporter.Reporting.CheckReport.Table(CheckSeverity.Critical, await h.Services.GetServices<ICheckContributor>().OfType<HealthCheckContributor>().Single().GetLinesAsync(state, CancellationToken.None)),
            ["alerts"] = string.Join("\n", HealthAlertConditions.From(report).Select(a => a.Text + a.ResolvedText)),
            ["logs"] = h.Logs.Text,
        };
        tags.Should().Contain(t => t.StartsWith("smell=", StringComparison.Ordinal), "the scan must have produced health series to scan");
        report.Agents.Single().NoUsableAuth.Should().BeFalse("the API key still works");
        foreach (var (where, text) in outputs)
        {
            FixtureSecrets.AssertNoSecret(text, where);
            text.Should().NotContain(email, where);
        }

        outputs["status"].Should().Contain("anthropic:acct-");
    }

    private static void Collect(params IDisposable[] collectors)
    {
        foreach (var c in collectors)
        {
            switch (c)
            {
                case MetricCollector<int> i:
                    _ = i.GetMeasurementSnapshot(clear: true);
                    i.RecordObservableInstruments();
                    break;
                case MetricCollector<long> l:
                    _ = l.GetMeasurementSnapshot(clear: true);
                    l.RecordObservableInstruments();
                    break;
                case MetricCollector<double> d:
                    _ = d.GetMeasurementSnapshot(clear: true);
                    d.RecordObservableInstruments();
                    break;
                default:
                    break;
            }
        }
    }

    private static T Latest<T>(MetricCollector<T> c, string agent)
        where T : struct => LatestFor(c, ("agent", agent));

    // The measurement of the last observation round (Collect clears the previous ones) matching every tag.
    private static T LatestFor<T>(MetricCollector<T> c, params (string Key, string Value)[] match)
        where T : struct
    {
        var round = c.GetMeasurementSnapshot();
        var hits = round.Where(m => match.All(kv => m.Tags.TryGetValue(kv.Key, out var v) && (v as string) == kv.Value)).ToList();
        hits.Should().ContainSingle($"one series for {string.Join(",", match.Select(kv => kv.Key + "=" + kv.Value))}");
        return hits[0].Value;
    }
}
