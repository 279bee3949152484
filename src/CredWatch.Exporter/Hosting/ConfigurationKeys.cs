using System.Text.RegularExpressions;
using CredWatch.Alerts;
using CredWatch.Exporter.AlertMapping;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Health;
using CredWatch.Exporter.Hosting.Push;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Resync;
using CredWatch.Exporter.Tasks;
using CredWatch.LogTail.Configuration;
using Microsoft.Extensions.Configuration;

namespace CredWatch.Exporter.Hosting;

/// <summary>
/// Finds the keys of a configuration file that no component reads (a misspelt key would otherwise be ignored in
/// silence and its default used). Each section is bound once, strictly, to its options type.
/// A component that adds a section under <c>CredWatch</c> adds it to <see cref="Sections"/>.
/// </summary>
internal static partial class ConfigurationKeys
{
    private static readonly Dictionary<string, Func<IConfigurationSection, IEnumerable<string>>> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Home"] = _ => [],
        ["StateDir"] = _ => [],
        ["Sources"] = _ => [],
        ["Web"] = s => Plain(s, "ListenAddress", "ConfigFile", "UnauthenticatedPaths", "ReloadInterval", "AuthFailureDelay", "AuthCacheDuration"),
        ["Log"] = s => Plain(s, "Level", "Format"),
        ["Stores"] = s => Bound(s, x => x.Get<StoresOptions>(Strict)),
        ["Scan"] = s => Bound(s, x => x.Get<ScanOptions>(Strict)),
        ["Check"] = s => Bound(s, x => x.Get<CheckOptions>(Strict)),
        ["Metrics"] = s => Bound(s, x => x.Get<MetricsOptions>(Strict)),
        ["Push"] = s => Bound(s, x => x.Get<PushOptions>(Strict)),
        ["Resync"] = s => Bound(s, x => x.Get<ResyncOptions>(Strict)),
        ["Tasks"] = s => Bound(s, x => x.Get<TaskLedgerOptions>(Strict)),
        ["Health"] = s => Bound(s, x => x.Get<HealthOptions>(Strict)),
        ["Alerting"] = s => Bound(s, x => x.Get<AlertingOptions>(Strict)),
        ["LogTail"] = s => Bound(s, x => x.Get<LogTailOptions>(Strict)),
        ["Alerts"] = s => Bound(s, x => x.Get<AlertsOptions>(Strict)),
        ["Telegram"] = s => Bound(s, x => x.Get<TelegramOptions>(Strict)),
    };

    /// <summary>Full paths (<c>CredWatch:Scan:RescanIntervl</c>) of the keys in <paramref name="file"/> nothing reads.</summary>
    public static IReadOnlyList<string> Unknown(IConfiguration file)
    {
        var unknown = new List<string>();
        foreach (var top in file.GetChildren())
        {
            if (!top.Key.Equals(CredWatchOptions.SectionName, StringComparison.OrdinalIgnoreCase))
            {
                unknown.Add(top.Path);
                continue;
            }

            foreach (var section in top.GetChildren())
            {
                if (!Sections.TryGetValue(section.Key, out var probe))
                {
                    unknown.Add(section.Path);
                    continue;
                }

                unknown.AddRange(probe(section));
            }
        }

        return [.. unknown.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static void Strict(BinderOptions o) => o.ErrorOnUnknownConfiguration = true;

    private static IEnumerable<string> Plain(IConfigurationSection section, params string[] keys) =>
        section.GetChildren().Where(c => !keys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)).Select(c => c.Path);

    private static IEnumerable<string> Bound(IConfigurationSection section, Action<IConfigurationSection> bind)
    {
        try
        {
            bind(section);
            return [];
        }
        catch (InvalidOperationException ex)
        {
            // A value that does not convert is not this check's business: the component's validator names it later.
            if (!ex.Message.Contains(nameof(BinderOptions.ErrorOnUnknownConfiguration), StringComparison.Ordinal))
            {
                return [];
            }

            // The binder names the unknown properties but not where they sit: find them in the section.
            var names = QuotedName().Matches(ex.Message[ex.Message.LastIndexOf(':')..]).Select(m => m.Groups[1].Value).ToList();
            var paths = section.AsEnumerable(makePathsRelative: true)
                .Where(kv => names.Contains(kv.Key.Split(':')[^1], StringComparer.OrdinalIgnoreCase))
                .Select(kv => section.Path + ":" + kv.Key)
                .ToList();
            return paths.Count > 0 ? paths : names.Select(n => section.Path + ":" + n);
        }
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();
}
