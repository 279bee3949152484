using System.Text.Json;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Telegram;

namespace CredWatch.Exporter.Tests.AlertMapping;

/// <summary>
/// A copy of the fixture home (agent hr-bp holds a stale copy) plus an OpenClaw config (JSON5 with comments,
/// unquoted keys, trailing commas) whose Telegram channel points at a loopback Bot API server, and a gateway
/// log directory for LogTail.
/// </summary>
internal sealed class AlertingHome : IAsyncDisposable
{
    public const string BotToken = "123456789:FIXTUREbotALERTINGxxxxxxxxxxxxxxxxxxxx";
    public const long DefaultChat = -100777;

    private AlertingHome(TempHome home, BotApiTestServer server)
    {
        Home = home;
        Server = server;
        LogDir = Path.Combine(home.Root, "gateway-logs");
        Directory.CreateDirectory(LogDir);
        GatewayLog = Path.Combine(LogDir, "openclaw-2026-11-25.log");
        File.WriteAllText(GatewayLog, string.Empty);
        home.Write(".openclaw/openclaw.json", $$"""
            // OpenClaw config as users write it: JSON5.
            {
              /* the gateway's bot */
              channels: {
                telegram: {
                  enabled: true,
                  botToken: "{{BotToken}}",
                  apiRoot: "{{server.BaseUrl.ToString().TrimEnd('/')}}", // self-hosted Bot API
                  defaultTo: "{{DefaultChat}}",
                  dmPolicy: 'allowlist',
                },
              },
            }
            """);
    }

    public TempHome Home { get; }

    public BotApiTestServer Server { get; }

    public string LogDir { get; }

    public string GatewayLog { get; }

    public static async Task<AlertingHome> CreateAsync() => new(new TempHome(), await BotApiTestServer.StartAsync());

    /// <summary>Configuration for the daemon: fast grouping/pacing, LogTail on the test log dir, the ledger at <paramref name="ledger"/>.</summary>
    public Dictionary<string, string?> Config(string? ledger = null) => new()
    {
        ["CredWatch:Alerts:GroupingWindow"] = "00:00:00.050",
        ["CredWatch:Alerts:PerChatInterval"] = "00:00:00.050",
        ["CredWatch:Alerts:InitialBackoff"] = "00:00:00.100",
        ["CredWatch:LogTail:Paths:0"] = Path.Combine(LogDir, "openclaw-*.log"),
        ["CredWatch:LogTail:PollInterval"] = "00:00:00.200",
        // Read the (empty) log from its start so a line appended right after start-up is never skipped.
        ["CredWatch:LogTail:StartAtEnd"] = "false",
        ["CredWatch:Tasks:StateDatabase"] = ledger ?? Path.Combine(Home.Root, "no-ledger", "openclaw.sqlite"),
        ["CredWatch:Tasks:PollInterval"] = "00:00:00.200",
    };

    /// <summary><see cref="Config"/> as the environment of a real daemon process (<c>CREDWATCH_</c>, <c>__</c> for nesting).</summary>
    public Dictionary<string, string> DaemonEnvironment(string? ledger = null) =>
        Config(ledger).ToDictionary(kv => "CREDWATCH_" + kv.Key["CredWatch:".Length..].Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant(), kv => kv.Value!);

    public void AppendLog(string line) => File.AppendAllText(GatewayLog, line + "\n");

    public static string JsonLine(string message) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["0"] = message, ["time"] = DateTimeOffset.UtcNow.ToString("O") });

    /// <summary>The bot never reads updates or sets a webhook (it would break the gateway's own polling); no secret reached Telegram.</summary>
    public void AssertOnlySent(IEnumerable<string>? extraSecrets = null)
    {
        Server.Requests.Should().NotContain(r => r.Method == "getUpdates" || r.Method == "setWebhook" || r.Method == "deleteWebhook");
        Server.SetWebhookCalls.Should().Be(0);
        Server.GetUpdatesConflicts.Should().Be(0);
        foreach (var m in Server.Requests)
        {
            FixtureSecrets.AssertNoSecret(m.Text ?? string.Empty, "Telegram message", [BotToken, .. extraSecrets ?? []]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Home.Dispose();
    }
}
