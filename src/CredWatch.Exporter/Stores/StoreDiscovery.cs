using System.Text.Json;
using CredWatch.Exporter.Configuration;

namespace CredWatch.Exporter.Stores;

/// <summary>
/// Finds every store (docs/openclaw-observed.md): explicit paths first, then env overrides (<c>CLAUDE_CONFIG_DIR</c>,
/// <c>CODEX_HOME</c>, <c>OPENCLAW_STATE_DIR</c>, <c>OPENCLAW_HOME</c>), then defaults under the home, then
/// OpenClaw's legacy dirs. Agents: <c>&lt;state&gt;/agents/*/agent</c>, <c>agents.list[].agentDir</c> from
/// <c>openclaw.json</c> when it parses as plain JSON (JSON5 specifics are the Alerts component's), and
/// <c>Stores:ExtraAgentDirs</c>.
/// </summary>
internal static class StoreDiscovery
{
    private static readonly string[] LegacyStateDirs = [".clawdbot", ".moldbot", ".moltbot"];

    public static DiscoveryResult Discover(StoresOptions stores, PathEnvironment env)
    {
        var notes = new List<string>();
        var list = new List<StoreLocation>();
        var watch = new List<string>();

        // Claude Code
        var claudeDirEnv = env.Expand(env.Variable("CLAUDE_CONFIG_DIR"));
        string claudeCreds;
        string claudeIdentity;
        if (env.Expand(stores.ClaudeCredentials) is { } explicitClaude)
        {
            claudeCreds = explicitClaude;
            claudeIdentity = Path.Combine(Path.GetDirectoryName(explicitClaude) ?? env.Home, ".claude.json");
            notes.Add($"claude-cli: configured path {claudeCreds}");
        }
        else if (claudeDirEnv is not null)
        {
            claudeCreds = Path.Combine(claudeDirEnv, ".credentials.json");
            claudeIdentity = Path.Combine(claudeDirEnv, ".claude.json");
            notes.Add($"claude-cli: $CLAUDE_CONFIG_DIR → {claudeCreds}");
        }
        else
        {
            claudeCreds = Path.Combine(env.Home, ".claude", ".credentials.json");
            claudeIdentity = Path.Combine(env.Home, ".claude.json");
        }

        list.Add(new StoreLocation(new StoreId(StoreLabels.ClaudeCli, null), claudeCreds, claudeIdentity, Explicit: stores.ClaudeCredentials is not null));
        AddWatch(watch, Path.GetDirectoryName(claudeCreds));

        // Codex CLI
        string codexAuth;
        if (env.Expand(stores.CodexAuth) is { } explicitCodex)
        {
            codexAuth = explicitCodex;
            notes.Add($"codex-cli: configured path {codexAuth}");
        }
        else if (env.Expand(env.Variable("CODEX_HOME")) is { } codexHome)
        {
            codexAuth = Path.Combine(codexHome, "auth.json");
            notes.Add($"codex-cli: $CODEX_HOME → {codexAuth}");
        }
        else
        {
            codexAuth = Path.Combine(env.Home, ".codex", "auth.json");
        }

        list.Add(new StoreLocation(new StoreId(StoreLabels.CodexCli, null), codexAuth, Explicit: stores.CodexAuth is not null));
        AddWatch(watch, Path.GetDirectoryName(codexAuth));

        AddOAuthCredsStore(list, watch, notes, StoreLabels.MiniMaxCli, env.Expand(stores.MiniMaxCredentials), Path.Combine(env.Home, ".minimax", "oauth_creds.json"));
        AddOAuthCredsStore(list, watch, notes, StoreLabels.GeminiCli, env.Expand(stores.GeminiCredentials), Path.Combine(env.Home, ".gemini", "oauth_creds.json"));

        // OpenClaw
        var state = ResolveOpenClawStateDir(stores, env, notes);
        var agentsDir = Path.Combine(state, "agents");
        var agents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(agentsDir))
        {
            foreach (var agentRoot in SafeEnumerateDirectories(agentsDir))
            {
                var id = Path.GetFileName(agentRoot);
                agents[id] = Path.Combine(agentRoot, "agent");
            }
        }

        foreach (var (id, dir) in ConfiguredAgentDirs(state, env, notes))
        {
            agents.TryAdd(id, dir);
        }

        var extras = new HashSet<string>(StringComparer.Ordinal);
        foreach (var extra in stores.ExtraAgentDirs)
        {
            if (env.Expand(extra) is not { } dir)
            {
                continue;
            }

            var name = Path.GetFileName(dir.TrimEnd('/'));
            var id = name == "agent" ? Path.GetFileName(Path.GetDirectoryName(dir.TrimEnd('/'))) ?? name : name;
            if (agents.TryAdd(id, dir))
            {
                extras.Add(id);
            }

            AddWatch(watch, dir);
        }

        if (agents.Count == 0)
        {
            // Reported as a store of its own so "no OpenClaw here" is visible (credwatch_store_present 0), not an error.
            list.Add(new StoreLocation(new StoreId(StoreLabels.OpenClaw, null), agentsDir, Explicit: stores.OpenClawStateDir is not null));
        }

        foreach (var (id, dir) in agents)
        {
            list.Add(new StoreLocation(new StoreId(StoreLabels.OpenClaw, id), dir, Explicit: extras.Contains(id)));
        }

        // 2026.6+: the state database says where the shared store lives (the reader decides; see OpenClawStateDbReader).
        var stateDb = OpenClawStateDbReader.PathFor(state);
        if (File.Exists(stateDb))
        {
            var main = agents.TryGetValue("main", out var mainDir) ? mainDir : Path.Combine(agentsDir, "main", "agent");
            list.Add(new StoreLocation(new StoreId(StoreLabels.OpenClawShared, null), stateDb, MainAgentDir: main));
        }

        AddWatch(watch, state);
        return new DiscoveryResult(list, state, watch, notes);
    }

    /// <summary>
    /// MiniMax and Gemini CLI logins (OpenClaw reads both under the OS home, never <c>OPENCLAW_HOME</c>). Absent is not
    /// broken: without the file and without a configured path the store is simply not watched, so a host without these
    /// CLIs has no series of theirs; a configured path is always read, so a missing one is reported.
    /// </summary>
    private static void AddOAuthCredsStore(List<StoreLocation> list, List<string> watch, List<string> notes, string label, string? configured, string defaultPath)
    {
        var path = configured ?? defaultPath;
        if (configured is not null)
        {
            notes.Add($"{label}: configured path {configured}");
        }
        else if (!File.Exists(defaultPath))
        {
            notes.Add($"{label}: no login at {defaultPath} (not watched until it appears)");
        }

        if (configured is not null || File.Exists(defaultPath))
        {
            list.Add(new StoreLocation(new StoreId(label, null), path, Explicit: configured is not null));
        }

        AddWatch(watch, Path.GetDirectoryName(path));
    }

    private static string ResolveOpenClawStateDir(StoresOptions stores, PathEnvironment env, List<string> notes)
    {
        if (env.Expand(stores.OpenClawStateDir) is { } configured)
        {
            notes.Add($"openclaw: configured state dir {configured}");
            return configured;
        }

        if (env.Expand(env.Variable("OPENCLAW_STATE_DIR")) is { } fromEnv)
        {
            notes.Add($"openclaw: $OPENCLAW_STATE_DIR → {fromEnv}");
            return fromEnv;
        }

        var home = env.Expand(env.Variable("OPENCLAW_HOME")) ?? env.Home;
        if (home != env.Home)
        {
            notes.Add($"openclaw: $OPENCLAW_HOME → {home}");
        }

        var main = Path.Combine(home, ".openclaw");
        if (Directory.Exists(main))
        {
            return main;
        }

        foreach (var legacy in LegacyStateDirs)
        {
            var candidate = Path.Combine(home, legacy);
            if (Directory.Exists(candidate))
            {
                notes.Add($"openclaw: legacy state dir {candidate}");
                return candidate;
            }
        }

        return main;
    }

    private static List<(string Id, string Dir)> ConfiguredAgentDirs(string state, PathEnvironment env, List<string> notes)
    {
        var config = Path.Combine(state, OpenClawFiles.ConfigFile);
        if (!File.Exists(config))
        {
            return [];
        }

        try
        {
            // openclaw.json is JSON5; plain JSON plus comments/trailing commas covers what OpenClaw writes itself.
            // Anything fancier is skipped here (the Alerts component owns full JSON5 reading).
            var bytes = SafeFile.Read(config, 1024 * 1024).Bytes;
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!doc.RootElement.TryGetProperty("agents", out var agents) || agents.ValueKind != JsonValueKind.Object
                || !agents.TryGetProperty("list", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var result = new List<(string, string)>();
            foreach (var a in list.EnumerateArray())
            {
                if (a.ValueKind == JsonValueKind.Object
                    && a.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } idText
                    && a.TryGetProperty("agentDir", out var dir) && dir.ValueKind == JsonValueKind.String && env.Expand(dir.GetString()) is { } dirText)
                {
                    result.Add((idText, Path.IsPathRooted(dir.GetString()!) || dir.GetString()!.StartsWith('~') ? dirText : Path.GetFullPath(Path.Combine(state, dir.GetString()!))));
                }
            }

            return result;
        }
        catch (Exception ex) when (ex is JsonException or StoreReadException or IOException or UnauthorizedAccessException)
        {
            notes.Add($"openclaw: {config} is not plain JSON; agents.list[].agentDir not read (agents under {state}/agents are still found)");
            return [];
        }
    }

    private static List<string> SafeEnumerateDirectories(string dir)
    {
        try
        {
            return Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static void AddWatch(List<string> watch, string? dir)
    {
        if (dir is not null && !watch.Contains(dir, StringComparer.Ordinal))
        {
            watch.Add(dir);
        }
    }
}
