using System.Text.RegularExpressions;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.OpenClaw;

/// <summary>
/// The one place that knows where an OpenClaw home is, resolved as OpenClaw 2026.9.6 resolves it (<c>dist/paths-*.mjs</c>
/// <c>resolveStateDir</c>/<c>resolveConfigPath</c>, <c>profile-*.mjs</c> <c>applyCliProfileEnv</c>), with CredWatch's
/// explicit setting first. Paths are resolved on every <see cref="Resolve"/> (a home that appears later is found, as
/// the gateway would find it on restart); <c>openclaw.json</c> is read once and again only when its size or write
/// time changes.
/// </summary>
internal sealed partial class OpenClawInstallation(string? configuredStateDir, PathEnvironment env)
{
    private const string ConfigFile = "openclaw.json";

    // OpenClaw 2026.9.6 knows only .clawdbot; the other two are names CredWatch met on older installs.
    private static readonly string[] LegacyStateDirs = [".clawdbot", ".moldbot", ".moltbot"];
    private static readonly string[] LegacyConfigFiles = ["clawdbot.json"];

    private readonly Lock _gate = new();
    private OpenClawConfig? _config;

    /// <summary>HOME (<c>--home</c>) and the environment the installation was resolved from.</summary>
    public PathEnvironment Environment => env;

    public InstallationSnapshot Resolve()
    {
        var home = Home();
        var profile = Profile();
        var (stateDir, stateBy, overridden) = StateDir(home, profile);
        var (configPath, configBy) = ConfigPath(home, stateDir, overridden, profile);
        return new InstallationSnapshot(stateDir, stateBy, configPath, configBy, Config(configPath), env);
    }

    /// <summary>What a child <c>openclaw</c> needs to see this same installation.</summary>
    public void ApplyTo(IDictionary<string, string?> childEnvironment)
    {
        var snapshot = Resolve();
        childEnvironment["HOME"] = env.Home;
        childEnvironment["OPENCLAW_STATE_DIR"] = snapshot.StateDir;
        childEnvironment["OPENCLAW_CONFIG_PATH"] = snapshot.ConfigPath;
    }

    /// <summary>True for the names OpenClaw gives its config in a state dir (a change to one may change the home's answers).</summary>
    public static bool IsConfigFileName(string name) => name == ConfigFile || LegacyConfigFiles.Contains(name);

    private OpenClawConfig Config(string path)
    {
        lock (_gate)
        {
            if (_config is null || _config.Path != path || _config.Stamp != OpenClawConfig.StampOf(path))
            {
                _config = OpenClawConfig.Read(path, env.Variable);
            }

            return _config;
        }
    }

    /// <summary><c>$OPENCLAW_HOME</c> (a leading <c>~</c> is the OS home), else HOME.</summary>
    private string Home() => Variable("OPENCLAW_HOME") is { } h ? Expand(h, env.Home) : env.Home;

    /// <summary>A named profile as OpenClaw validates it; <c>default</c> is no profile.</summary>
    private string? Profile() =>
        Variable("OPENCLAW_PROFILE") is { } p && !p.Equals("default", StringComparison.OrdinalIgnoreCase) && ProfileName().IsMatch(p) ? p : null;

    private (string Dir, string By, bool Overridden) StateDir(string home, string? profile)
    {
        if (!string.IsNullOrWhiteSpace(configuredStateDir))
        {
            return (Expand(configuredStateDir.Trim(), home), "CredWatch:Stores:OpenClawStateDir", true);
        }

        if (Variable("OPENCLAW_STATE_DIR") is { } fromEnv)
        {
            return (Expand(fromEnv, home), "$OPENCLAW_STATE_DIR", true);
        }

        // CredWatch reads $OPENCLAW_PROFILE as `openclaw --profile <name>` does: ~/.openclaw-<name>.
        if (profile is not null)
        {
            return (Path.Combine(home, ".openclaw-" + profile), "$OPENCLAW_PROFILE", true);
        }

        var by = Variable("OPENCLAW_HOME") is null ? "default" : "$OPENCLAW_HOME";
        var main = Path.Combine(home, ".openclaw");
        if (Directory.Exists(main))
        {
            return (main, by, false);
        }

        foreach (var legacy in LegacyStateDirs)
        {
            var candidate = Path.Combine(home, legacy);
            if (Directory.Exists(candidate))
            {
                return (candidate, by + ", legacy " + legacy, false);
            }
        }

        return (main, by + " (not present)", false);
    }

    private (string Path, string By) ConfigPath(string home, string stateDir, bool overridden, string? profile)
    {
        if (Variable("OPENCLAW_CONFIG_PATH") is { } fromEnv)
        {
            return (Expand(fromEnv, home), "$OPENCLAW_CONFIG_PATH");
        }

        var canonical = Path.Combine(stateDir, ConfigFile);

        // `openclaw --profile <name>` pins the config to the state dir's openclaw.json.
        if (profile is not null)
        {
            return (canonical, "$OPENCLAW_PROFILE");
        }

        foreach (var name in LegacyConfigFiles.Prepend(ConfigFile))
        {
            if (File.Exists(Path.Combine(stateDir, name)))
            {
                return (Path.Combine(stateDir, name), name == ConfigFile ? "state dir" : "state dir, legacy " + name);
            }
        }

        if (!overridden)
        {
            // The default home: OpenClaw also takes a config left in the other default dir.
            foreach (var dir in LegacyStateDirs.Prepend(".openclaw").Select(d => Path.Combine(home, d)))
            {
                foreach (var name in LegacyConfigFiles.Prepend(ConfigFile))
                {
                    if (File.Exists(Path.Combine(dir, name)))
                    {
                        return (Path.Combine(dir, name), "default, legacy " + Path.GetFileName(dir) + "/" + name);
                    }
                }
            }
        }

        return (canonical, "state dir (not present)");
    }

    private string? Variable(string name) => env.Variable(name) is { } v && v.Trim() is { Length: > 0 } t ? t : null;

    /// <summary>OpenClaw's <c>resolveHomeRelativePath</c>: a leading <c>~</c> is <paramref name="home"/>; the rest absolute.</summary>
    private static string Expand(string path, string home) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.GetFullPath(Path.Combine(home, path.Length > 2 ? path[2..] : string.Empty))
            : Path.GetFullPath(path);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProfileName();
}
