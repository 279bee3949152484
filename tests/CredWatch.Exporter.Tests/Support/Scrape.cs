using System.Globalization;
using System.Text.RegularExpressions;

namespace CredWatch.Exporter.Tests.Support;

/// <summary>Minimal Prometheus text parser for assertions (label order independent).</summary>
internal static partial class Scrape
{
    public static IEnumerable<(string Name, Dictionary<string, string> Labels, double Value)> Series(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var m = SeriesLine().Match(line);
            if (!m.Success)
            {
                continue;
            }

            var labels = Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups["k"].Value, l => l.Groups["v"].Value);
            yield return (m.Groups["name"].Value, labels, double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The value of the one series of <paramref name="name"/> whose labels include <paramref name="labels"/>, or null.</summary>
    public static double? Value(string text, string name, params (string Key, string Value)[] labels) =>
        Series(text).Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
            .Select(s => (double?)s.Value).FirstOrDefault();

    [GeneratedRegex("^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?<labels>.*)\\})? (?<value>\\S+)")]
    private static partial Regex SeriesLine();

    [GeneratedRegex("(?<k>[a-zA-Z_][a-zA-Z0-9_]*)=\"(?<v>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Label();
}
