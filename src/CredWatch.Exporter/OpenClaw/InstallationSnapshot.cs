using System.Text.Json.Nodes;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.OpenClaw;

/// <summary>
/// One consistent answer of <see cref="OpenClawInstallation"/>: where the home is, how each path was chosen, and what
/// its config says about the parts CredWatch reads (agents, state database, log file, Telegram, version).
/// </summary>
/// <param name="StateDir">The state dir (may not exist).</param>
/// <param name="StateDirChosenBy">Which rule chose it (<c>$OPENCLAW_STATE_DIR</c>, <c>default</c>, <c>…, legacy .clawdbot</c>, …).</param>
/// <param name="ConfigPath">The config file (may not exist).</param>
/// <param name="ConfigChosenBy">Which rule chose it.</param>
/// <param name="Config">The config as read.</param>
/// <param name="Environment">HOME and the variables the paths were resolved from.</param>
internal sealed record InstallationSnapshot(
    string StateDir,
    string StateDirChosenBy,
    string ConfigPath,
    string ConfigChosenBy,
    OpenClawConfig Config,
    PathEnvironment Environment)
{
    /// <summary>OpenClaw's state database: the 2026.8+ shared credential store and the task ledger.</summary>
    public string StateDatabase => Path.Combine(StateDir, "state", "openclaw.sqlite");

    /// <summary>The agents directory (<c>&lt;state&gt;/agents/&lt;id&gt;/agent</c>).</summary>
    public string AgentsDir => Path.Combine(StateDir, "agents");

    /// <summary><c>meta.lastTouchedVersion</c>: the OpenClaw release that last wrote the config.</summary>
    public string? LastTouchedVersion => Config.String("meta.lastTouchedVersion");

    /// <summary><c>logging.file</c> (absolute; relative to the config's directory), or null for OpenClaw's rolling default.</summary>
    public string? LogFile => Config.String("logging.file") is { } file ? PathIn(file, Path.GetDirectoryName(Path.GetFullPath(ConfigPath))!) : null;

    /// <summary>
    /// Every agent's directory by id: <c>&lt;state&gt;/agents/&lt;id&gt;/agent</c>, then <c>agents.list[].agentDir</c> for
    /// ids not found there (relative dirs resolve against the state dir). Lists directories only: no store is read.
    /// </summary>
    public SortedDictionary<string, string> AgentDirs()
    {
        var agents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var root in Directory.Exists(AgentsDir) ? Directory.EnumerateDirectories(AgentsDir) : [])
            {
                agents[Path.GetFileName(root)] = Path.Combine(root, "agent");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable agents dir lists nothing; the configured agents are still found.
        }

        foreach (var a in (Config.At("agents.list") as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(a["id"]) is { } id && Text(a["agentDir"]) is { } dir)
            {
                agents.TryAdd(id, PathIn(dir, StateDir));
            }
        }

        return agents;
    }

    /// <summary>Human notes for the start-up summary: how the home was found and what of its config could not be read.</summary>
    public IEnumerable<string> Notes
    {
        get
        {
            yield return $"openclaw: state dir {StateDir} ({StateDirChosenBy}), config {ConfigPath} ({ConfigChosenBy})";
            if (Config.Problem is { } problem)
            {
                yield return "openclaw: " + problem + "; its settings (agents.list, logging.file, channels.telegram) are not read";
            }

            foreach (var note in Config.Notes)
            {
                yield return "openclaw: " + note;
            }
        }
    }

    private string PathIn(string path, string baseDir) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal) ? Environment.Expand(path)! : Path.GetFullPath(path, baseDir);

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
