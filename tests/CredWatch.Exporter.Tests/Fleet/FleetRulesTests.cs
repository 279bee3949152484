using System.Text.RegularExpressions;
using CredWatch.Exporter.Tests.Ops;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Fleet;

/// <summary>
/// The fleet profile's rule files: promtool accepts them, their unit tests pass (and fail when a rule breaks),
/// every global alert fires and stays quiet in a unit test, and the site drops exactly the alerts the global sends.
/// </summary>
public sealed partial class FleetRulesTests
{
    [RequiresBinariesFact(PromBinaries.Promtool)]
    public async Task Promtool_check_rules_accepts_both_fleet_rule_files()
    {
        var result = await Tool.RunAsync(PromBinaries.Promtool, ["check", "rules", FleetFiles.RecordingRules, FleetFiles.GlobalRules]);

        result.ExitCode.Should().Be(0, result.Combined);
        result.Combined.Should().Contain("SUCCESS: 6 rules found");
    }

    [RequiresBinariesFact(PromBinaries.Promtool)]
    public async Task Promtool_unit_tests_of_the_fleet_rules_pass()
    {
        FleetFiles.RuleTestFiles.Should().NotBeEmpty();

        var result = await Tool.RunAsync(PromBinaries.Promtool, ["test", "rules", .. FleetFiles.RuleTestFiles], workingDirectory: OpsFiles.Root);

        result.ExitCode.Should().Be(0, result.Combined);
    }

    [RequiresBinariesFact(PromBinaries.Promtool)]
    public async Task Promtool_unit_tests_fail_when_the_worst_state_rule_breaks()
    {
        var dir = Directory.CreateTempSubdirectory("credwatch-fleet-rules-").FullName;
        try
        {
            var alerts = Path.Combine(dir, "alerts");
            Directory.CreateDirectory(Path.Combine(alerts, "tests", "fleet"));
            var broken = (await File.ReadAllTextAsync(FleetFiles.RecordingRules))
                .Replace("credwatch_token_state{state=\"stale\"}", "credwatch_token_state{state=\"never\"}", StringComparison.Ordinal);
            broken.Should().NotBe(await File.ReadAllTextAsync(FleetFiles.RecordingRules));
            await File.WriteAllTextAsync(Path.Combine(alerts, "fleet-recording-rules.yml"), broken);
            File.Copy(FleetFiles.GlobalRules, Path.Combine(alerts, "fleet-global-rules.yml"));
            var tests = FleetFiles.RuleTestFiles.Select(f =>
            {
                var copy = Path.Combine(alerts, "tests", "fleet", Path.GetFileName(f));
                File.Copy(f, copy);
                return copy;
            }).ToList();

            var result = await Tool.RunAsync(PromBinaries.Promtool, ["test", "rules", .. tests], workingDirectory: dir);

            result.ExitCode.Should().NotBe(0);
            result.Combined.Should().Contain("CredWatchCopyStale");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Every_global_alert_has_a_firing_and_a_quiet_unit_test()
    {
        var firing = new HashSet<string>(StringComparer.Ordinal);
        var quiet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in FleetFiles.RuleTestFiles)
        {
            var doc = OpsFiles.Map(OpsFiles.LoadYaml(file), file);
            foreach (var test in OpsFiles.Seq(OpsFiles.Get(doc, "tests"), "tests"))
            {
                foreach (var c in OpsFiles.Get(OpsFiles.Map(test, "test"), "alert_rule_test") as List<object> ?? [])
                {
                    var map = OpsFiles.Map(c, "alert_rule_test");
                    var expected = OpsFiles.Get(map, "exp_alerts") as List<object>;
                    (expected is { Count: > 0 } ? firing : quiet).Add(OpsFiles.Str(OpsFiles.Get(map, "alertname")));
                }
            }
        }

        var alerts = FleetFiles.AlertRules(FleetFiles.GlobalRules).Select(a => a.Name).ToList();
        alerts.Should().HaveCountGreaterThan(10);
        alerts.Except(firing).Should().BeEmpty("every global alert needs a unit test where it fires");
        alerts.Except(quiet).Should().BeEmpty("every global alert needs a unit test where it stays quiet");
    }

    [Fact]
    public void Every_global_alert_has_severity_summary_and_a_description_naming_the_host_and_a_command()
    {
        foreach (var (name, _, labels, annotations) in FleetFiles.AlertRules(FleetFiles.GlobalRules))
        {
            OpsFiles.Str(OpsFiles.Get(labels, "severity")).Should().BeOneOf(["critical", "warning"], name);
            OpsFiles.Str(OpsFiles.Get(annotations, "summary")).Should().Contain("{{ $labels.instance }}", name);
            var description = OpsFiles.Str(OpsFiles.Get(annotations, "description"));
            description.Should().Contain("{{ $labels.instance }}", name);
            Command().IsMatch(description).Should().BeTrue($"{name}'s description must say what to run, in backticks: {description}");
        }
    }

    [Fact]
    public void Global_alerts_read_only_the_recorded_series_the_sites_send()
    {
        var recorded = FleetFiles.Rules(FleetFiles.RecordingRules).Select(r => OpsFiles.Str(OpsFiles.Get(r, "record"))).ToHashSet(StringComparer.Ordinal);
        recorded.Should().OnlyContain(r => SentSeries().IsMatch(r), "the federation match[] and the remote_write keep rule select by this pattern");
        foreach (var (name, expr, _, _) in FleetFiles.AlertRules(FleetFiles.GlobalRules))
        {
            var used = Identifier().Matches(expr).Select(m => m.Value).Where(v => v.Contains(':', StringComparison.Ordinal) || v.StartsWith("credwatch_", StringComparison.Ordinal)).ToList();
            used.Should().NotBeEmpty(name);
            used.Should().OnlyContain(u => recorded.Contains(u), $"{name} may only use series the sites send: {expr}");
        }

        var site = File.ReadAllText(FleetFiles.SitePrometheus);
        site.Should().Contain("regex: credwatch:(agent|host)_.+|credwatch_build_info");
        File.ReadAllText(FleetFiles.GlobalFederation).Should().Contain("'{__name__=~\"credwatch:(agent|host)_.+\"}'").And.Contain("- credwatch_build_info");
    }

    [Fact]
    public void The_site_drops_exactly_the_per_host_alerts_the_global_sends()
    {
        var global = FleetFiles.AlertRules(FleetFiles.GlobalRules).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var perHost = OpsFiles.AlertRules().Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var replaced = global.Intersect(perHost).ToHashSet(StringComparer.Ordinal);
        replaced.Should().HaveCountGreaterThan(10);
        global.Except(perHost).Should().BeEquivalentTo(["CredWatchFleetHostSilent"], "a fleet-only alert is named CredWatchFleet*");

        var match = DropRegex().Match(File.ReadAllText(FleetFiles.SitePrometheus));
        match.Success.Should().BeTrue("site-prometheus.yml drops alerts by name");
        var dropped = new Regex("^(?:" + match.Groups["regex"].Value + ")$");
        perHost.Where(n => dropped.IsMatch(n)).Should().BeEquivalentTo(replaced, "the site drops what the global sends, and nothing else");
    }

    [Fact]
    public void Fleet_dashboard_filters_every_query_by_job_and_instance_and_reads_only_what_the_global_has()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(FleetFiles.FleetDashboard));
        var recorded = FleetFiles.Rules(FleetFiles.RecordingRules).Select(r => OpsFiles.Str(OpsFiles.Get(r, "record"))).ToHashSet(StringComparer.Ordinal);
        var queries = DashboardFile.Queries(doc.RootElement).Concat(DashboardFile.VariableSelectors(doc.RootElement)).ToList();
        queries.Should().HaveCountGreaterThan(5);
        foreach (var q in queries)
        {
            if (q.Panel != "variable job")
            {
                q.Expr.Should().Contain("job=~\"$job\"", q.ToString());
            }

            if (q.Panel is not ("variable job" or "variable instance"))
            {
                q.Expr.Should().Contain("instance=~\"$instance\"", q.ToString());
            }

            var used = Identifier().Matches(q.Expr).Select(m => m.Value)
                .Where(v => v.Contains(':', StringComparison.Ordinal) || v.StartsWith("credwatch_", StringComparison.Ordinal) || v == "ALERTS").ToList();
            used.Should().NotBeEmpty(q.ToString());
            used.Should().OnlyContain(u => recorded.Contains(u) || u == "credwatch_build_info" || u == "ALERTS", q + " may only read the series the sites send");
        }
    }

    [GeneratedRegex(@"`[^`]+`")]
    private static partial Regex Command();

    [GeneratedRegex(@"^credwatch:(agent|host)_.+|credwatch_build_info$")]
    private static partial Regex SentSeries();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"source_labels: \[alertname\]\s+regex: (?<regex>\S+)\s+action: drop")]
    private static partial Regex DropRegex();
}
