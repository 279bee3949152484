using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CredWatch.Exporter.Tests.Ops;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Quiet;

/// <summary>
/// The shipped rules evaluated by the real promtool over one scrape of the real daemon, held for an hour
/// (every series constant, as on a quiet host): which alerts fire at 10, 30 and 60 minutes.
/// </summary>
internal static partial class RulesOverScrape
{
    public const string Instance = "quiet:9797";

    public static async Task<IReadOnlySet<string>> FiringAsync(string exposition)
    {
        var dir = Directory.CreateTempSubdirectory("credwatch-quiet-rules-").FullName;
        try
        {
            var file = Path.Combine(dir, "quiet.test.yml");
            await File.WriteAllTextAsync(file, TestFile(exposition));
            var result = await Tool.RunAsync(PromBinaries.Promtool, ["test", "rules", file], workingDirectory: dir);
            var firing = AlertName().Matches(result.Combined).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            // A failure that names no alert is promtool rejecting the file: never read that as "quiet".
            (result.ExitCode == 0 || firing.Count > 0).Should().BeTrue(result.ToString());
            return firing;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string TestFile(string exposition)
    {
        var sb = new StringBuilder();
        sb.Append("rule_files:\n  - ").Append(OpsFiles.Rules).Append('\n');
        sb.Append("evaluation_interval: 1m\ntests:\n- interval: 1m\n  input_series:\n");
        sb.Append("  - series: 'up{job=\"credwatch\",instance=\"").Append(Instance).Append("\"}'\n    values: 1x60\n");
        var count = 0;
        foreach (var (name, labels, value) in Scrape.Series(exposition))
        {
            if (!double.IsFinite(value) || name == "target_info")
            {
                continue;
            }

            var all = labels.Where(l => l.Key is not ("job" or "instance"))
                .Select(l => $"{l.Key}=\"{l.Value}\"")
                .Append("job=\"credwatch\"").Append($"instance=\"{Instance}\"");
            sb.Append("  - series: '").Append(name).Append('{').Append(string.Join(',', all).Replace("'", "''", StringComparison.Ordinal)).Append("}'\n");
            sb.Append("    values: ").Append(value.ToString("0.##########", CultureInfo.InvariantCulture)).Append("x60\n");
            count++;
        }

        count.Should().BeGreaterThan(20, "the scrape holds CredWatch's series");
        sb.Append("  alert_rule_test:\n");
        foreach (var alert in OpsFiles.AlertRules().Select(a => a.Name))
        {
            foreach (var at in new[] { "10m", "30m", "60m" })
            {
                sb.Append("  - eval_time: ").Append(at).Append("\n    alertname: ").Append(alert).Append("\n    exp_alerts: []\n");
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"alertname: (\w+), time:")]
    private static partial Regex AlertName();
}
