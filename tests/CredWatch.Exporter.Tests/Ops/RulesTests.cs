using System.Text.RegularExpressions;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>alerts/prometheus-rules.yml checked and unit-tested by the real promtool.</summary>
public sealed partial class RulesTests
{
    [RequiresBinariesFact(PromBinaries.Promtool)]
    public async Task Promtool_check_rules_accepts_the_shipped_rules()
    {
        var result = await Tool.RunAsync(PromBinaries.Promtool, ["check", "rules", OpsFiles.Rules]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Combined.Should().Contain("SUCCESS");
    }

    [Fact]
    public void Every_alert_links_its_own_runbook_section()
    {
        var runbook = File.ReadAllLines(Path.Combine(OpsFiles.Root, "docs", "runbook.md"));
        var sections = runbook.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..].Trim()).ToList();
        var alerts = OpsFiles.AlertRules();
        alerts.Should().NotBeEmpty();
        foreach (var (name, _, _, annotations) in alerts)
        {
            OpsFiles.Str(OpsFiles.Get(annotations, "runbook_url")).Should().Be("docs/runbook.md#" + name.ToLowerInvariant(), name);
            sections.Should().Contain(name, $"docs/runbook.md has a section for {name}");
        }

        sections.Should().OnlyContain(s => alerts.Any(a => a.Name == s), "no runbook section for an alert that does not exist");
    }

    [RequiresBinariesFact(PromBinaries.Promtool)]
    public async Task Promtool_unit_tests_of_every_rule_pass()
    {
        OpsFiles.RuleTestFiles.Should().NotBeEmpty();

        var result = await Tool.RunAsync(PromBinaries.Promtool, ["test", "rules", .. OpsFiles.RuleTestFiles], workingDirectory: OpsFiles.Root);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Combined.Should().NotContain("FAILED");
    }

    [RequiresBinariesFact(PromBinaries.Promtool)]
    public async Task Promtool_unit_tests_fail_when_a_rule_breaks()
    {
        // Guards the guard: the unit tests must notice a rule that no longer fires.
        var dir = Directory.CreateTempSubdirectory("credwatch-rules-").FullName;
        try
        {
            var broken = (await File.ReadAllTextAsync(OpsFiles.Rules))
                .Replace("credwatch:token_state:current{state=\"stale\"}", "credwatch:token_state:current{state=\"never\"}", StringComparison.Ordinal);
            var alerts = Path.Combine(dir, "alerts");
            Directory.CreateDirectory(Path.Combine(alerts, "tests"));
            await File.WriteAllTextAsync(Path.Combine(alerts, "prometheus-rules.yml"), broken);
            var test = Path.Combine(alerts, "tests", "credentials.test.yml");
            File.Copy(Path.Combine(OpsFiles.RuleTestsDir, "credentials.test.yml"), test);

            var result = await Tool.RunAsync(PromBinaries.Promtool, ["test", "rules", test], workingDirectory: dir);

            result.ExitCode.Should().NotBe(0);
            result.Combined.Should().Contain("CredWatchCopyStale");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Every_alerting_rule_has_a_firing_and_a_quiet_unit_test()
    {
        var firing = new HashSet<string>(StringComparer.Ordinal);
        var quiet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in OpsFiles.RuleTestFiles)
        {
            var doc = OpsFiles.Map(OpsFiles.LoadYaml(file), file);
            foreach (var test in OpsFiles.Seq(OpsFiles.Get(doc, "tests"), "tests"))
            {
                foreach (var c in OpsFiles.Get(OpsFiles.Map(test, "test"), "alert_rule_test") as List<object> ?? [])
                {
                    var map = OpsFiles.Map(c, "alert_rule_test");
                    var name = OpsFiles.Str(OpsFiles.Get(map, "alertname"));
                    var expected = OpsFiles.Get(map, "exp_alerts") as List<object>;
                    (expected is { Count: > 0 } ? firing : quiet).Add(name);
                }
            }
        }

        var alerts = OpsFiles.AlertRules().Select(a => a.Name).ToList();
        alerts.Should().HaveCountGreaterThan(20);
        alerts.Except(firing).Should().BeEmpty("every alert needs a unit test where it fires");
        alerts.Except(quiet).Should().BeEmpty("every alert needs a unit test where it stays quiet");
    }

    [Fact]
    public void Expected_annotations_in_unit_tests_render_every_label()
    {
        foreach (var file in OpsFiles.RuleTestFiles)
        {
            var text = File.ReadAllText(file);
            text.Should().NotContain("<no value>", file);
            text.Should().NotContain("--agent  ", file);
        }
    }

    [Fact]
    public void Every_alert_has_severity_summary_and_a_description_naming_a_command()
    {
        foreach (var (name, _, labels, annotations) in OpsFiles.AlertRules())
        {
            OpsFiles.Str(OpsFiles.Get(labels, "severity")).Should().BeOneOf(["critical", "warning"], name);
            OpsFiles.Str(OpsFiles.Get(annotations, "summary")).Should().NotBeNullOrWhiteSpace(name);
            var description = OpsFiles.Str(OpsFiles.Get(annotations, "description"));
            Command().IsMatch(description).Should().BeTrue($"{name}'s description must say what to run, in backticks: {description}");
        }
    }

    [Fact]
    public void Rules_use_only_metrics_CredWatch_exports()
    {
        var recorded = OpsFiles.AllRules().Select(r => OpsFiles.Str(OpsFiles.Get(r, "record"))).Where(r => r.Length > 0).ToHashSet();
        foreach (var rule in OpsFiles.AllRules())
        {
            var expr = OpsFiles.Str(OpsFiles.Get(rule, "expr"));
            foreach (Match m in MetricName().Matches(expr))
            {
                KnownMetrics.Names.Should().Contain(m.Value, $"rule expression {expr}");
            }

            foreach (Match m in RecordedName().Matches(expr))
            {
                recorded.Should().Contain(m.Value, $"rule expression {expr}");
            }
        }
    }

    [GeneratedRegex(@"`(credwatch|openclaw|systemctl|claude|journalctl) [^`]+`")]
    private static partial Regex Command();

    [GeneratedRegex(@"\bcredwatch_[a-z_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"\bcredwatch:[a-z_:0-9]+\b")]
    private static partial Regex RecordedName();
}
