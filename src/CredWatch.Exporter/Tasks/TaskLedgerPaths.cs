using Microsoft.Extensions.Configuration;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Resolves the ledger and state-dir paths from configuration (design.md keys). The core may own a
/// shared resolver; this mirrors its documented defaults so the component also works standalone (CLI).
/// </summary>
internal static class TaskLedgerPaths
{
    public static string StateDatabase(IConfiguration config, TaskLedgerOptions options)
    {
        if (!string.IsNullOrEmpty(options.StateDatabase))
        {
            return options.StateDatabase;
        }

        var stateDir = config["CredWatch:Stores:OpenClawStateDir"];
        if (string.IsNullOrEmpty(stateDir))
        {
            stateDir = Path.Combine(Home(config), ".openclaw");
        }

        return Path.Combine(stateDir, "state", "openclaw.sqlite");
    }

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
