using CredWatch.Exporter.Tests.Ops;

namespace CredWatch.Exporter.Tests.Fleet;

/// <summary>
/// The shipped fleet profile (alerts/fleet-*.yml, deploy/fleet/*.yml) and how a test runs them: the same files
/// with only their example addresses, rule paths and intervals replaced.
/// </summary>
internal static class FleetFiles
{
    public static string RecordingRules => Path.Combine(OpsFiles.Root, "alerts", "fleet-recording-rules.yml");

    public static string GlobalRules => Path.Combine(OpsFiles.Root, "alerts", "fleet-global-rules.yml");

    public static string RuleTestsDir => Path.Combine(OpsFiles.Root, "alerts", "tests", "fleet");

    public static string SitePrometheus => Path.Combine(OpsFiles.Root, "deploy", "fleet", "site-prometheus.yml");

    public static string GlobalFederation => Path.Combine(OpsFiles.Root, "deploy", "fleet", "global-prometheus-federation.yml");

    public static string GlobalRemoteWrite => Path.Combine(OpsFiles.Root, "deploy", "fleet", "global-prometheus-remote-write.yml");

    public static string FleetDashboard => Path.Combine(OpsFiles.Root, "dashboards", "grafana", "credwatch-fleet.json");

    public static IReadOnlyList<string> RuleTestFiles =>
        [.. Directory.GetFiles(RuleTestsDir, "*.test.yml").Order(StringComparer.Ordinal)];

    /// <summary>The alerting rules of one rule file: name → (expr, labels, annotations).</summary>
    public static IReadOnlyList<(string Name, string Expr, Dictionary<object, object> Labels, Dictionary<object, object> Annotations)> AlertRules(string path)
    {
        var list = new List<(string, string, Dictionary<object, object>, Dictionary<object, object>)>();
        foreach (var rule in Rules(path))
        {
            if (OpsFiles.Get(rule, "alert") is { } name)
            {
                list.Add((OpsFiles.Str(name), OpsFiles.Str(OpsFiles.Get(rule, "expr")),
                    OpsFiles.Get(rule, "labels") as Dictionary<object, object> ?? [],
                    OpsFiles.Get(rule, "annotations") as Dictionary<object, object> ?? []));
            }
        }

        return list;
    }

    public static IEnumerable<Dictionary<object, object>> Rules(string path)
    {
        var doc = OpsFiles.Map(OpsFiles.LoadYaml(path), path);
        foreach (var group in OpsFiles.Seq(OpsFiles.Get(doc, "groups"), "groups"))
        {
            foreach (var rule in OpsFiles.Seq(OpsFiles.Get(OpsFiles.Map(group, "group"), "rules"), "rules"))
            {
                yield return OpsFiles.Map(rule, "rule");
            }
        }
    }

    /// <summary>
    /// A shipped config with each example literal replaced (every literal must occur: a file that changed shape
    /// fails here, not later in Prometheus). Intervals become 1 s (scrape timeout too).
    /// </summary>
    public static string Render(string path, IReadOnlyDictionary<string, string> replacements)
    {
        var text = File.ReadAllText(path);
        var all = new Dictionary<string, string>(replacements, StringComparer.Ordinal)
        {
            ["evaluation_interval: 30s"] = "evaluation_interval: 1s",
        };
        if (text.Contains("scrape_interval: 30s", StringComparison.Ordinal))
        {
            all["scrape_interval: 30s"] = "scrape_interval: 1s\n  scrape_timeout: 1s";
        }

        foreach (var (literal, value) in all)
        {
            if (!text.Contains(literal, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{path} no longer contains `{literal}`: the shipped example changed shape");
            }

            text = text.Replace(literal, value, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>A YAML flow list of host:port strings, as the shipped files write targets.</summary>
    public static string Targets(IEnumerable<string> hostPorts) =>
        "[" + string.Join(", ", hostPorts.Select(h => "\"" + h + "\"")) + "]";

    public static string Quoted(string path) => "\"" + path.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
