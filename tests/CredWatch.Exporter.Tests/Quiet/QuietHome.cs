using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport.Telegram;

namespace CredWatch.Exporter.Tests.Quiet;

/// <summary>
/// A home of one OpenClaw layout, healthy or with one failure, whose OpenClaw config sends CredWatch's Telegram alerts
/// to a loopback Bot API server. Layouts: JSON v1 (≤ 2026.4.6), JSON + auth-state (2026.4.7–5.x), agent SQLite
/// (2026.6–7, optionally beside a state database whose shared store is main's), state-database shared store
/// (schema 12 without task tables, or 2026.9.6's schema 18 with an empty task ledger).
/// </summary>
internal sealed class QuietHome : IAsyncDisposable
{
    public const string BotToken = "123456789:FIXTUREbotQUIETxxxxxxxxxxxxxxxxxxxxxxxx";
    private const long Future = 4102444800000;

    private QuietHome(TempHome home, BotApiTestServer server)
    {
        Home = home;
        Server = server;
        LogDir = Path.Combine(home.Root, "gateway-logs");
        Directory.CreateDirectory(LogDir);
        home.Write(".openclaw/openclaw.json", $$"""
            {
              channels: { telegram: { enabled: true, botToken: "{{BotToken}}", apiRoot: "{{server.BaseUrl.ToString().TrimEnd('/')}}", defaultTo: "-100555" } },
            }
            """);
    }

    public TempHome Home { get; }

    public BotApiTestServer Server { get; }

    public string LogDir { get; }

    public static async Task<QuietHome> CreateAsync(string layout, bool codex, string? failure = null)
    {
        var q = new QuietHome(new TempHome(withFixtures: false), await BotApiTestServer.StartAsync());
        q.Build(layout, codex, failure);
        return q;
    }

    /// <summary>The daemon's settings: fast alerts, LogTail on an empty log dir, the ledger where discovery finds it.</summary>
    public Dictionary<string, string?> Config() => new()
    {
        ["CredWatch:Alerts:GroupingWindow"] = "00:00:00.050",
        ["CredWatch:Alerts:PerChatInterval"] = "00:00:00.050",
        ["CredWatch:LogTail:Paths:0"] = Path.Combine(LogDir, "openclaw-*.log"),
        ["CredWatch:LogTail:PollInterval"] = "00:00:00.200",
        ["CredWatch:Tasks:PollInterval"] = "00:00:00.200",
        ["CredWatch:Scan:RescanInterval"] = "00:00:01",
    };

    private void Build(string layout, bool codex, string? failure)
    {
        var cli = Tokens.Claude(Tokens.Access("cli"), Tokens.Refresh("cli"), Future);
        if (failure != "source_missing")
        {
            Home.Write(".claude/.credentials.json", cli);
        }

        if (codex)
        {
            var jwt = Tokens.Jwt("""{"exp":4102444800,"https://api.openai.com/auth":{"chatgpt_account_id":"acc-1"}}""");
            Home.Write(".codex/auth.json", "{\"OPENAI_API_KEY\":null,\"tokens\":{\"access_token\":\"" + jwt + "\",\"refresh_token\":\"rt_FIXTUREcodexQ\",\"account_id\":\"acc-1\"},\"last_refresh\":\"2026-11-01T00:00:00Z\"}");
        }

        // JSON-era homes hold the Claude CLI login as a copy (in sync); 2026.6+ homes hold a login of OpenClaw's own.
        var copy = $$"""{"type":"oauth","provider":"anthropic","access":"{{Tokens.Access("cli")}}","refresh":"{{Tokens.Refresh("cli")}}","expires":{{Future}} }""";
        var own = failure == "relogin_required"
            ? $$"""{"type":"oauth","provider":"anthropic","access":"{{Tokens.Fence(Tokens.ClaimA, "access", true)}}","refresh":"{{Tokens.Fence(Tokens.ClaimA, "refresh", true)}}","expires":1 }"""
            : $$"""{"type":"oauth","provider":"anthropic","access":"{{Tokens.Access("own")}}","refresh":"{{Tokens.Refresh("own")}}","expires":{{Future}} }""";
        var openai = codex ? $$""","openai:default":{"type":"oauth","provider":"openai","access":"{{Tokens.Access("oai")}}","refresh":"{{Tokens.Refresh("oai")}}","expires":{{Future}} }""" : string.Empty;
        var sqliteStore = $$"""{"version":1,"profiles":{"anthropic:default":{{own}}{{openai}},"openrouter:default":{"type":"api_key","provider":"openrouter","key":"sk-or-v1-FIXTUREquiet"} } }""";
        const string sqliteState = """{"order":{"anthropic":["anthropic:default"]},"lastGood":{"anthropic":"anthropic:default"},"usageStats":{}}""";
        switch (layout)
        {
            case "json-v1":
                Home.Write(".openclaw/agents/main/agent/auth-profiles.json",
                    $$"""{"version":1,"profiles":{"anthropic:claude-cli":{{copy}} },"order":{"anthropic":["anthropic:claude-cli"]},"lastGood":{"anthropic":"anthropic:claude-cli"},"usageStats":{} }""");
                break;
            case "json-with-state":
                Home.Write(".openclaw/agents/main/agent/auth-profiles.json", $$"""{"version":1,"profiles":{"anthropic:claude-cli":{{copy}} } }""");
                Home.Write(".openclaw/agents/main/agent/auth-state.json", """{"order":{"anthropic":["anthropic:claude-cli"]},"lastGood":{"anthropic":"anthropic:claude-cli"},"usageStats":{}}""");
                break;
            case "agent-sqlite":
                RealSchema.CreateAgentDb(Home, "main", sqliteStore, sqliteState);
                break;
            case "agent-sqlite+ledger":
                RealSchema.CreateAgentDb(Home, "main", sqliteStore, sqliteState);
                RealSchema.CreateStateDb(Home, sharedLocation: "legacy-main");
                break;
            case "state-db-12":
                // A 2026.8-era state database: the shared store in its own tables, no task tables (no ledger).
                Directory.CreateDirectory(Home.AgentDir("main"));
                Directory.CreateDirectory(Path.GetDirectoryName(RealSchema.StateDb(Home))!);
                using (var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + RealSchema.StateDb(Home) + ";Pooling=False"))
                {
                    c.Open();
                    TempHome.Exec(c, "CREATE TABLE config_machine_state(state_key TEXT PRIMARY KEY, value_json TEXT NOT NULL, updated_at_ms INTEGER NOT NULL)");
                }

                RealSchema.CreateStateDb(Home, userVersion: 12, storeJson: sqliteStore, stateJson: sqliteState, withRowsTable: false);
                break;
            case "state-db-18+ledger":
                Directory.CreateDirectory(Home.AgentDir("main"));
                RealSchema.CreateStateDb(Home, storeJson: sqliteStore, stateJson: sqliteState);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(layout), layout, null);
        }

        switch (failure)
        {
            case null or "relogin_required":
                break;
            case "stale_copy":
                // A second agent holds the Claude CLI login from before its last rotation, by the copy's own id.
                Home.Write(".openclaw/agents/ops/agent/auth-profiles.json",
                    Tokens.OAuthProfile("anthropic:claude-cli", "anthropic", Tokens.OldAccess, Tokens.OldRefresh, 1773427200000));
                Home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.NewAccess, Tokens.NewRefresh, Future));
                break;
            case "store_unreadable":
                Home.Write(".openclaw/agents/ops/agent/auth-profiles.json", "{\"version\":1,\"profiles\":{");
                break;
            case "unrelated_copy":
                // Claims to be the Claude CLI's copy, yet holds another refresh token with no lineage and the same expiry.
                Home.Write(".openclaw/agents/ops/agent/auth-profiles.json", Tokens.OAuthProfile("anthropic:claude-cli", "anthropic", Tokens.Access("x"), Tokens.Refresh("x"), Future));
                break;
            case "source_missing":
                Home.Write(".openclaw/agents/ops/agent/auth-profiles.json", Tokens.OAuthProfile("anthropic:claude-cli", "anthropic", Tokens.Access("cp"), Tokens.Refresh("cp"), Future));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(failure), failure, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Home.Dispose();
    }
}
