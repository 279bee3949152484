using CredWatch.TestSupport;
using YamlDotNet.Serialization;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>Paths of the shipped ops files and a YAML loader (YamlDotNet, plain object graph).</summary>
internal static class OpsFiles
{
    public static string Root => TestPaths.RepoRoot;

    public static string Rules => Path.Combine(Root, "alerts", "prometheus-rules.yml");

    public static string RuleTestsDir => Path.Combine(Root, "alerts", "tests");

    public static string Dashboard => Path.Combine(Root, "dashboards", "grafana", "credwatch.json");

    public static string Compose => Path.Combine(Root, "docker-compose.yml");

    public static string Dockerfile => Path.Combine(Root, "Dockerfile");

    public static string PrometheusConfig => Path.Combine(Root, "deploy", "prometheus.yml");

    public static string SystemdUnit => Path.Combine(Root, "deploy", "credwatch.service");

    public static IReadOnlyList<string> RuleTestFiles =>
        [.. Directory.GetFiles(RuleTestsDir, "*.yml").Order(StringComparer.Ordinal)];

    public static object LoadYaml(string path) =>
        new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(path))
        ?? throw new InvalidOperationException(path + " is empty");

    public static Dictionary<object, object> Map(object? node, string what) =>
        node as Dictionary<object, object> ?? throw new InvalidOperationException(what + " is not a mapping");

    public static List<object> Seq(object? node, string what) =>
        node as List<object> ?? throw new InvalidOperationException(what + " is not a sequence");

    public static object? Get(Dictionary<object, object> map, string key) => map.TryGetValue(key, out var v) ? v : null;

    public static string Str(object? node) => node?.ToString() ?? string.Empty;

    /// <summary>Every alerting rule: name → (expr, labels, annotations).</summary>
    public static IReadOnlyList<(string Name, string Expr, Dictionary<object, object> Labels, Dictionary<object, object> Annotations)> AlertRules()
    {
        var list = new List<(string, string, Dictionary<object, object>, Dictionary<object, object>)>();
        foreach (var rule in AllRules())
        {
            if (Get(rule, "alert") is { } name)
            {
                list.Add((Str(name), Str(Get(rule, "expr")), Get(rule, "labels") as Dictionary<object, object> ?? [],
                    Get(rule, "annotations") as Dictionary<object, object> ?? []));
            }
        }

        return list;
    }

    public static IEnumerable<Dictionary<object, object>> AllRules()
    {
        var doc = Map(LoadYaml(Rules), "rules file");
        foreach (var group in Seq(Get(doc, "groups"), "groups"))
        {
            foreach (var rule in Seq(Get(Map(group, "group"), "rules"), "rules"))
            {
                yield return Map(rule, "rule");
            }
        }
    }
}
