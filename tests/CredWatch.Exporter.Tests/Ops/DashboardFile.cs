using System.Text.Json;
using System.Text.RegularExpressions;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>Reads dashboards/grafana/credwatch.json.</summary>
internal static partial class DashboardFile
{
    public static JsonDocument Load() => JsonDocument.Parse(File.ReadAllText(OpsFiles.Dashboard));

    public static IEnumerable<JsonElement> Panels(JsonElement root)
    {
        foreach (var p in root.GetProperty("panels").EnumerateArray())
        {
            yield return p;
            if (p.TryGetProperty("panels", out var nested))
            {
                foreach (var n in nested.EnumerateArray())
                {
                    yield return n;
                }
            }
        }
    }

    public static IReadOnlyList<DashboardQuery> Queries(JsonElement root)
    {
        var list = new List<DashboardQuery>();
        foreach (var panel in Panels(root))
        {
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            var title = panel.GetProperty("title").GetString() ?? "?";
            foreach (var t in targets.EnumerateArray())
            {
                list.Add(new DashboardQuery(title, t.GetProperty("refId").GetString() ?? "?", t.GetProperty("expr").GetString() ?? string.Empty));
            }
        }

        return list;
    }

    /// <summary>The series selector inside each label_values(...) variable query.</summary>
    public static IReadOnlyList<DashboardQuery> VariableSelectors(JsonElement root)
    {
        var list = new List<DashboardQuery>();
        foreach (var v in root.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (v.GetProperty("type").GetString() != "query")
            {
                continue;
            }

            var query = v.GetProperty("definition").GetString() ?? string.Empty;
            var m = LabelValues().Match(query);
            if (m.Success)
            {
                list.Add(new DashboardQuery("variable " + v.GetProperty("name").GetString(), m.Groups["label"].Value, m.Groups["selector"].Value));
            }
        }

        return list;
    }

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*(?<label>\w+)\)$")]
    private static partial Regex LabelValues();
}
