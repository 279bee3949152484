using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Configuration;

namespace CredWatch.Exporter.OpenClaw;

/// <summary>
/// Finds every store (docs/openclaw-observed.md): explicit paths first, then env overrides (<c>CLAUDE_CONFIG_DIR</c>,
/// <c>CODEX_HOME</c>), then defaults under the home. OpenClaw's home is the <see cref="OpenClawInstallation"/>'s;
/// agents: <c>&lt;state&gt;/agents/*/agent</c>, its config's <c>agents.list[].agentDir</c>, and <c>Stores:ExtraAgentDirs</c>.
/// </summary>
internal static class StoreDiscovery
{
    public static DiscoveryResult Discover(StoresOptions stores, OpenClawInstallation installation)
    {
        var env = installation.Environment;
        var notes = new List<string>();
        var list = new List<StoreLocation>();
        var watch = new List<string>();

        // Claude Code
        var explicitClaude = env.Expand(stores.ClaudeCredentials);
        var claudeDirEnv = env.Expand(env.Variable("CLAUDE_CONFIG_DIR"));
        var claudeCreds = explicitClaude ?? Path.Combine(claudeDirEnv ?? Path.Combine(env.Home, ".claude"), ".credentials.json");
        var claudeIdentity = Path.Combine((explicitClaude is null ? claudeDirEnv : Path.GetDirectoryName(explicitClaude)) ?? env.Home, ".claude.json");
        NoteSource(notes, StoreLabels.ClaudeCli, explicitClaude, claudeDirEnv is null ? null : "$CLAUDE_CONFIG_DIR", claudeCreds);
        list.Add(new StoreLocation(new StoreId(StoreLabels.ClaudeCli, null), claudeCreds, claudeIdentity, Explicit: stores.ClaudeCredentials is not null));
        AddWatch(watch, Path.GetDirectoryName(claudeCreds));

        // Codex CLI
        var explicitCodex = env.Expand(stores.CodexAuth);
        var codexHome = env.Expand(env.Variable("CODEX_HOME"));
        var codexAuth = explicitCodex ?? Path.Combine(codexHome ?? Path.Combine(env.Home, ".codex"), "auth.json");
        NoteSource(notes, StoreLabels.CodexCli, explicitCodex, codexHome is null ? null : "$CODEX_HOME", codexAuth);
        list.Add(new StoreLocation(new StoreId(StoreLabels.CodexCli, null), codexAuth, Explicit: stores.CodexAuth is not null));
        AddWatch(watch, Path.GetDirectoryName(codexAuth));

        AddOAuthCredsStore(list, watch, notes, StoreLabels.MiniMaxCli, env.Expand(stores.MiniMaxCredentials), Path.Combine(env.Home, ".minimax", "oauth_creds.json"));
        AddOAuthCredsStore(list, watch, notes, StoreLabels.GeminiCli, env.Expand(stores.GeminiCredentials), Path.Combine(env.Home, ".gemini", "oauth_creds.json"));

        // OpenClaw
        var home = installation.Resolve();
        notes.AddRange(home.Notes);
        var state = home.StateDir;
        var agentsDir = home.AgentsDir;
        var agents = new SortedDictionary<string, string>(home.AgentDirs(), StringComparer.Ordinal);

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
        var stateDb = home.StateDatabase;
        if (File.Exists(stateDb))
        {
            var main = agents.TryGetValue("main", out var mainDir) ? mainDir : Path.Combine(agentsDir, "main", "agent");
            list.Add(new StoreLocation(new StoreId(StoreLabels.OpenClawShared, null), stateDb, MainAgentDir: main));
        }

        AddWatch(watch, state);
        return new DiscoveryResult(list, state, watch, notes);
    }

    /// <summary>
    /// MiniMax and Gemini CLI logins (OpenClaw reads both under the OS home, never its own home override). Absent is not
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

    private static void NoteSource(List<string> notes, string label, string? configured, string? variable, string path)
    {
        if (configured is not null)
        {
            notes.Add($"{label}: configured path {path}");
        }
        else if (variable is not null)
        {
            notes.Add($"{label}: {variable} → {path}");
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
