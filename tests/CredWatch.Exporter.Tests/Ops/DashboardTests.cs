using System.Text.Json;
using System.Text.RegularExpressions;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>dashboards/grafana/credwatch.json: structure, and every query run against a real Prometheus.</summary>
public sealed partial class DashboardTests(CredWatchScrapeFixture fixture) : IClassFixture<CredWatchScrapeFixture>
{
    [Fact]
    public void Dashboard_has_a_fixed_uid_and_uses_a_datasource_variable()
    {
        using var doc = DashboardFile.Load();
        var root = doc.RootElement;
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray()
            .ToDictionary(v => v.GetProperty("name").GetString()!, v => v.GetProperty("type").GetString()!);

        variables.Should().Contain("datasource", "datasource");
        variables.Should().ContainKeys("instance", "job");
        root.GetProperty("uid").GetString().Should().Be("credwatch", "links to /d/credwatch survive a re-import");
        foreach (var uid in root.EnumerateObject().Where(p => p.Name != "uid").SelectMany(p => Uids(p.Value)))
        {
            uid.Should().Be("${datasource}");
        }
    }

    [Fact]
    public void Every_panel_has_a_query_and_a_unique_grid_position()
    {
        using var doc = DashboardFile.Load();
        var panels = DashboardFile.Panels(doc.RootElement).Where(p => p.GetProperty("type").GetString() != "row").ToList();
        panels.Should().HaveCountGreaterThan(20);
        foreach (var p in panels)
        {
            p.GetProperty("targets").GetArrayLength().Should().BeGreaterThan(0, p.GetProperty("title").GetString());
        }

        var positions = panels.Select(p => p.GetProperty("gridPos")).Select(g => (g.GetProperty("x").GetInt32(), g.GetProperty("y").GetInt32())).ToList();
        positions.Should().OnlyHaveUniqueItems();
        DashboardFile.Panels(doc.RootElement).Select(p => p.GetProperty("id").GetInt32()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Every_query_filters_by_job_and_instance_and_uses_known_metrics()
    {
        using var doc = DashboardFile.Load();
        var recorded = OpsFiles.AllRules().Select(r => OpsFiles.Str(OpsFiles.Get(r, "record"))).Where(r => r.Length > 0).ToHashSet();
        foreach (var q in DashboardFile.Queries(doc.RootElement))
        {
            foreach (Match m in Selector().Matches(q.Expr))
            {
                m.Value.Should().Contain("job=~\"$job\"", q.ToString()).And.Contain("instance=~\"$instance\"", q.ToString());
            }

            foreach (Match m in MetricName().Matches(q.Expr))
            {
                KnownMetrics.Names.Should().Contain(m.Value, q.ToString());
            }

            foreach (Match m in RecordedName().Matches(q.Expr))
            {
                recorded.Should().Contain(m.Value, q + " uses a recording rule the shipped rules define");
            }
        }
    }

    [RequiresBinariesFact(PromBinaries.Prometheus)]
    public async Task Every_panel_query_parses_on_a_real_Prometheus()
    {
        var prometheus = RequirePrometheus();
        using var doc = DashboardFile.Load();
        var queries = DashboardFile.Queries(doc.RootElement).Concat(DashboardFile.VariableSelectors(doc.RootElement)).ToList();

        foreach (var q in queries)
        {
            var result = await prometheus.QueryAsync(q.ForPrometheus());
            result.IsSuccess.Should().BeTrue($"{q} -> {result.ErrorType}: {result.Error}");
        }
    }

    [RequiresBinariesFact(PromBinaries.Prometheus)]
    public async Task Every_panel_query_returns_data_from_the_real_CredWatch_scrape()
    {
        var prometheus = RequirePrometheus();
        using var doc = DashboardFile.Load();
        var exported = ExportedNames(fixture.Exposition);
        var recordingSources = RecordingRuleSources();
        var all = DashboardFile.Queries(doc.RootElement).Concat(DashboardFile.VariableSelectors(doc.RootElement)).ToList();

        // A query is exempt only when a metric it needs is not in this CredWatch's /metrics AND that metric is
        // listed in DashboardExemptions with its reason; any other missing metric fails here.
        var exempt = new List<(DashboardQuery Query, string Missing)>();
        var pending = new List<DashboardQuery>();
        foreach (var q in all)
        {
            var missing = MetricsOf(q.Expr, recordingSources).Where(m => !exported.Contains(m)).ToList();
            missing.Where(m => !DashboardExemptions.NotInFixtureScrape.ContainsKey(m)).Should().BeEmpty(
                $"{q} needs metrics the real CredWatch does not export and no exemption explains");
            if (missing.Count > 0)
            {
                exempt.Add((q, string.Join(", ", missing)));
            }
            else
            {
                pending.Add(q);
            }
        }

        pending.Should().NotBeEmpty("the fixture scrape feeds at least the core panels");

        // Rates need two scrapes and recording rules one evaluation: poll until every query has data.
        try
        {
            await Eventually.UntilAsync(
                async () =>
                {
                    var stillEmpty = new List<DashboardQuery>();
                    foreach (var q in pending)
                    {
                        var result = await prometheus.QueryAsync(q.ForPrometheus());
                        if (!result.IsSuccess || result.Samples.Count == 0)
                        {
                            stillEmpty.Add(q);
                        }
                    }

                    pending = stillEmpty;
                    return pending.Count == 0;
                },
                TimeSpan.FromSeconds(120),
                "every dashboard query whose metrics CredWatch exports returns data");
        }
        catch (TimeoutException e)
        {
            // The message is built after polling: it must name the queries that are still empty, not the initial list.
            throw new TimeoutException(e.Message + "; still empty: " + string.Join("; ", pending)
                + "\nexempt: " + string.Join("; ", exempt.Select(x => x.Query.Panel + " (" + x.Missing + ")"))
                + "\nCredWatch log:\n" + fixture.CredWatchOutput, e);
        }

        FixtureSecrets.AssertNoSecret(fixture.Exposition + fixture.CredWatchOutput, "CredWatch /metrics and log");
    }

    [RequiresBinariesFact(PromBinaries.Prometheus)]
    public void Every_exemption_is_still_needed()
    {
        RequirePrometheus();
        var exported = ExportedNames(fixture.Exposition);
        DashboardExemptions.NotInFixtureScrape.Keys.Where(exported.Contains).Should().BeEmpty(
            "an exempted metric is now exported by CredWatch: drop its exemption so its panels must return data");
        exported.Should().Contain(["credwatch_token_state", "credwatch_store_up", "credwatch_build_info"]);
    }

    private static HashSet<string> ExportedNames(string exposition) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith("credwatch_", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>record name → credwatch_* metrics its expression reads (recursively through other records).</summary>
    private static Dictionary<string, string> RecordingRuleSources()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in OpsFiles.AllRules())
        {
            var name = OpsFiles.Str(OpsFiles.Get(r, "record"));
            if (name.Length > 0)
            {
                map[name] = map.TryGetValue(name, out var prior) ? prior + " " + OpsFiles.Str(OpsFiles.Get(r, "expr")) : OpsFiles.Str(OpsFiles.Get(r, "expr"));
            }
        }

        return map;
    }

    private static HashSet<string> MetricsOf(string expr, Dictionary<string, string> recordingSources, int depth = 0)
    {
        var names = MetricName().Matches(expr).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        if (depth < 5)
        {
            foreach (Match m in RecordedName().Matches(expr))
            {
                if (recordingSources.TryGetValue(m.Value, out var source))
                {
                    names.UnionWith(MetricsOf(source, recordingSources, depth + 1));
                }
            }
        }

        return names;
    }

    [RequiresBinariesFact(PromBinaries.Prometheus)]
    public async Task Every_shipped_rule_evaluates_without_error_against_scraped_metrics()
    {
        var prometheus = RequirePrometheus();
        IReadOnlyDictionary<string, (string Health, string? LastError)> health = new Dictionary<string, (string, string?)>();

        await Eventually.UntilAsync(
            async () =>
            {
                health = await prometheus.GetRuleHealthAsync();
                return health.Count > 0 && health.Values.All(h => h.Health != "unknown");
            },
            TimeSpan.FromSeconds(60),
            "every rule evaluated at least once");

        health.Where(h => h.Value.Health != "ok").Should().BeEmpty();
        health.Keys.Count(k => !k.EndsWith("#record", StringComparison.Ordinal)).Should().Be(OpsFiles.AlertRules().Count);
    }

    private PrometheusServer RequirePrometheus()
    {
        // The tests using this are skipped at discovery when prometheus is missing.
        return fixture.Prometheus ?? throw new InvalidOperationException(fixture.MissingReason ?? "Prometheus did not start");
    }

    private static IEnumerable<string> Uids(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name == "uid" && p.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return p.Value.GetString()!;
                    }

                    foreach (var nested in Uids(p.Value))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var nested in Uids(item))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }

    [GeneratedRegex(@"\bcredwatch[_:][a-z_:0-9]+\{[^}]*\}")]
    private static partial Regex Selector();

    [GeneratedRegex(@"\bcredwatch_[a-z_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"\bcredwatch:[a-z_:0-9]+\b")]
    private static partial Regex RecordedName();
}
