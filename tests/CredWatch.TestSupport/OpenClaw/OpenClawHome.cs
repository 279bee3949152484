using System.Text.Json;
using System.Text.Json.Nodes;

namespace CredWatch.TestSupport.OpenClaw;

/// <summary>
/// A scratch HOME for the real OpenClaw: <c>&lt;Root&gt;/.openclaw</c> is its state dir. Every OpenClaw process the
/// harness starts gets HOME=<see cref="Root"/> and the marker <see cref="ScratchId"/> in its environment, so a
/// left-over process can be found and ended by its own pid. Deleted at dispose.
/// </summary>
public sealed class OpenClawHome : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private OpenClawHome(string root)
    {
        Root = root;
        Directory.CreateDirectory(StateDir);
    }

    public string Root { get; }

    /// <summary>Environment value that tags every process started for this home (see <see cref="OpenClawProcesses"/>).</summary>
    public string ScratchId { get; } = Guid.NewGuid().ToString("N");

    public string StateDir => Path.Combine(Root, ".openclaw");

    public string ConfigPath => Path.Combine(StateDir, "openclaw.json");

    /// <summary>The gateway/CLI file log, fixed per home by <c>logging.file</c> (default would be shared /tmp/openclaw).</summary>
    public string LogFile => Path.Combine(Root, "logs", "openclaw.log");

    public string StateDatabasePath => Path.Combine(StateDir, "state", "openclaw.sqlite");

    public static OpenClawHome Create(string label = "home")
    {
        var root = Path.Combine(Path.GetTempPath(), $"credwatch-openclaw-{label}-{Guid.NewGuid():N}");
        var home = new OpenClawHome(root);
        home.WriteConfig(new JsonObject());
        return home;
    }

    public string AgentDir(string agentId) => Path.Combine(StateDir, "agents", agentId, "agent");

    public string AgentDatabasePath(string agentId) => Path.Combine(AgentDir(agentId), "openclaw-agent.sqlite");

    public string LegacyAuthProfilesPath(string agentId) => Path.Combine(AgentDir(agentId), "auth-profiles.json");

    /// <summary>Archives OpenClaw 2026.9.6 leaves after importing a JSON store: <c>auth-profiles.json.migrated-&lt;ISO&gt;-&lt;uuid&gt;</c>.</summary>
    public IReadOnlyList<string> MigrationArchives(string agentId) =>
        Directory.Exists(AgentDir(agentId))
            ? [.. Directory.GetFiles(AgentDir(agentId), "auth-profiles.json.migrated-*").Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Writes a legacy (pre-SQLite) <c>auth-profiles.json</c> for one agent: 2-space JSON, mode 0600.</summary>
    public void WriteLegacyAuthProfiles(string agentId, IEnumerable<LegacyProfile> profiles, IReadOnlyDictionary<string, string>? lastGood = null)
    {
        var map = new JsonObject();
        foreach (var p in profiles)
        {
            map[p.Id] = p.Body.DeepClone();
        }

        var store = new JsonObject { ["version"] = 1, ["profiles"] = map };
        if (lastGood is not null)
        {
            var lg = new JsonObject();
            foreach (var (provider, id) in lastGood)
            {
                lg[provider] = id;
            }

            store["lastGood"] = lg;
        }

        Directory.CreateDirectory(AgentDir(agentId));
        var path = LegacyAuthProfilesPath(agentId);
        File.WriteAllText(path, store.ToJsonString(Indented) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Reads <c>openclaw.json</c> (plain JSON as OpenClaw rewrites it; comments/trailing commas tolerated).</summary>
    public JsonObject ReadConfig()
    {
        if (!File.Exists(ConfigPath))
        {
            return [];
        }

        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        return JsonNode.Parse(File.ReadAllText(ConfigPath), documentOptions: options) as JsonObject ?? [];
    }

    /// <summary>
    /// Writes <c>openclaw.json</c> directly (faster than <c>openclaw config set</c>, ~2 s each). <c>logging.file</c>
    /// defaults to <see cref="LogFile"/> so parallel tests never share /tmp/openclaw.
    /// </summary>
    public void WriteConfig(JsonObject config)
    {
        var copy = (JsonObject)config.DeepClone();
        if (GetPath(copy, "logging.file") is null)
        {
            SetPath(copy, "logging.file", LogFile);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        File.WriteAllText(ConfigPath, copy.ToJsonString(Indented) + "\n");
    }

    /// <summary>Sets dotted keys (<c>models.providers.anthropic.baseUrl</c>) in <c>openclaw.json</c>, keeping the rest.</summary>
    public void PatchConfig(params (string Path, JsonNode? Value)[] settings)
    {
        var config = ReadConfig();
        foreach (var (path, value) in settings)
        {
            SetPath(config, path, value?.DeepClone());
        }

        WriteConfig(config);
    }

    /// <summary>
    /// Points the anthropic provider at a loopback Messages API server and sets what the seed needs:
    /// <c>models.providers.anthropic.baseUrl</c>, <c>tools.toolSearch false</c> (sessions_spawn offered directly)
    /// and <c>agents.defaults.model.primary anthropic/claude-sonnet-4-6</c>.
    /// </summary>
    public void UseAnthropicBaseUrl(Uri baseUrl) => PatchConfig(
        ("models.providers.anthropic.baseUrl", baseUrl.ToString().TrimEnd('/')),
        ("tools.toolSearch", false),
        ("agents.defaults.model.primary", "anthropic/claude-sonnet-4-6"));

    public void Dispose()
    {
        OpenClawProcesses.KillAllTaggedWith(ScratchId);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process we could not end may still hold a file; the temp dir is left for the OS to clean.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    internal static JsonNode? GetPath(JsonObject root, string dotted)
    {
        JsonNode? node = root;
        foreach (var part in dotted.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }

        return node;
    }

    internal static void SetPath(JsonObject root, string dotted, JsonNode? value)
    {
        var parts = dotted.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                child = [];
                node[part] = child;
            }

            node = child;
        }

        node[parts[^1]] = value;
    }
}
