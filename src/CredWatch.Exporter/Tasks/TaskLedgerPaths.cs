using Microsoft.Extensions.Configuration;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// The ledger path, and CredWatch's state-dir default for when the component runs without the host (design.md keys).
/// </summary>
internal static class TaskLedgerPaths
{
    /// <summary>The ledger: <c>Tasks:StateDatabase</c>, which the host fills in from the OpenClaw installation when not configured.</summary>
    public static string StateDatabase(TaskLedgerOptions options) =>
        options.StateDatabase is { Length: > 0 } path ? path : throw new InvalidOperationException("CredWatch:Tasks:StateDatabase is not set and no OpenClaw installation supplied it");

    public static string CredWatchStateDir(IConfiguration config)
    {
        var configured = config["CredWatch:StateDir"];
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        return !string.IsNullOrEmpty(xdg)
            ? Path.Combine(xdg, "credwatch")
            : Path.Combine(Home(config), ".local", "state", "credwatch");
    }

    private static string Home(IConfiguration config)
    {
        var home = config["CredWatch:Home"];
        return !string.IsNullOrEmpty(home) ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }
}
