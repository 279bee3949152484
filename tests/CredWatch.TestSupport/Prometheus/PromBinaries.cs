namespace CredWatch.TestSupport.Prometheus;

/// <summary>
/// Locates the real Prometheus-stack binaries (Debian packages prometheus, prometheus-alertmanager,
/// prometheus-pushgateway) and other executables the tests run, on PATH only. A test that needs a missing one fails
/// naming the package (./test.sh installs them all).
/// </summary>
public static class PromBinaries
{
    public const string Prometheus = "prometheus";
    public const string Promtool = "promtool";
    public const string Alertmanager = "prometheus-alertmanager";
    public const string Amtool = "amtool";
    public const string Pushgateway = "prometheus-pushgateway";
    public const string SystemdAnalyze = "systemd-analyze";
    public const string Sqlite3 = "sqlite3";
    public const string Chromium = "chromium-headless-shell";

    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        [Prometheus] = "prometheus",
        [Promtool] = "prometheus",
        [Alertmanager] = "prometheus-alertmanager",
        [Amtool] = "prometheus-alertmanager",
        [Pushgateway] = "prometheus-pushgateway",
        [SystemdAnalyze] = "systemd",
        [Sqlite3] = "sqlite3",
        [Chromium] = "chromium-headless-shell",
    };

    /// <summary>Full path of an executable on PATH, or null.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Null when every binary is present, else what is missing and what to install.</summary>
    public static string? MissingReason(params string[] names)
    {
        var missing = names.Where(n => Find(n) is null).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var packages = string.Join(' ', missing.Select(m => Packages.GetValueOrDefault(m, m)).Distinct());
        return $"{string.Join(", ", missing)} not on PATH; install with `apt-get install -y {packages}` (./test.sh does)";
    }

    public static string Require(string name) =>
        Find(name) ?? throw new InvalidOperationException(MissingReason(name));
}
