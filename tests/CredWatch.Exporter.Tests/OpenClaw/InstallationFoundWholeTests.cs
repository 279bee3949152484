using System.Text.Json;
using CredWatch.Exporter.Tests.Integration;
using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.Tests.Tasks;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Telegram;
using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Tests.OpenClaw;

/// <summary>
/// The real <c>credwatch run</c> on a home it has to find (under <c>$OPENCLAW_HOME</c>, or in the legacy
/// <c>~/.clawdbot</c>) with a hand-edited JSON5 config: stores, the followed log, the ledger and the Telegram target
/// all come from that one home, and <c>/api/status</c> shows it.
/// </summary>
public sealed class InstallationFoundWholeTests : IDisposable
{
    private const string Token = "123456789:FIXTUREbotTOKENxxxxxxxxxxxxxxxxxxxxxxxxx";
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData("openclaw-home")]
    [InlineData("legacy-clawdbot")]
    public async Task Every_component_finds_the_same_home(string layout)
    {
        await using var bot = await BotApiTestServer.StartAsync();
        var env = new Dictionary<string, string>();
        string state;
        if (layout == "openclaw-home")
        {
            var openClawHome = Path.Combine(_home.Root, "oc-home");
            state = Path.Combine(openClawHome, ".openclaw");
            Directory.CreateDirectory(openClawHome);
            env["OPENCLAW_HOME"] = openClawHome;
        }
        else
        {
            state = Path.Combine(_home.Home, ".clawdbot");
        }

        // The fixture home's agents move into the home to be found; ~/.openclaw is gone, so only that home can match.
        Directory.Move(_home.OpenClawState, state);
        var remote = Path.Combine(_home.Root, "remote-agent");
        Directory.CreateDirectory(remote);
        File.Copy(Path.Combine(state, "agents", "main", "agent", "auth-profiles.json"), Path.Combine(remote, "auth-profiles.json"));
        var logFile = Path.Combine(_home.Root, "gateway-logs", "gateway.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        await File.WriteAllTextAsync(logFile, string.Empty);
        await File.WriteAllTextAsync(Path.Combine(state, "bot.token"), Token + "\n");
        await File.WriteAllTextAsync(Path.Combine(state, "openclaw.json"), $$"""
            // edited by hand: comments, trailing commas, unquoted keys
            {
              meta: { lastTouchedVersion: '2026.9.6', },
              logging: { file: '{{logFile}}', },
              agents: { list: [ { id: 'remote', agentDir: '{{remote}}', }, ], },
              channels: { telegram: { tokenFile: 'bot.token', defaultTo: '-100777:topic:5', apiRoot: '{{bot.BaseUrl}}', }, },
            }
            """);
        CreateLedger(Path.Combine(state, "state", "openclaw.sqlite"));

        await using var daemon = await CredWatchProcess.StartDaemonAsync(_home.Home, _home.StateDir, env);
        JsonElement status = default;
        await Eventually.UntilAsync(async () =>
            {
                status = JsonDocument.Parse(await daemon.Client.GetStringAsync(new Uri("/api/status", UriKind.Relative))).RootElement.Clone();
                return status.GetProperty("tasks").GetProperty("undelivered").GetInt32() == 1;
            },
            TimeSpan.FromSeconds(60), "the ledger in the found home is read");

        var openclaw = status.GetProperty("openclaw");
        openclaw.GetProperty("stateDir").GetString().Should().Be(state);
        openclaw.GetProperty("configPath").GetString().Should().Be(Path.Combine(state, "openclaw.json"));
        openclaw.GetProperty("stateDirChosenBy").GetString().Should().Be(layout == "openclaw-home" ? "$OPENCLAW_HOME" : "default, legacy .clawdbot");
        openclaw.GetProperty("configProblem").ValueKind.Should().Be(JsonValueKind.Null);
        openclaw.GetProperty("lastTouchedVersion").GetString().Should().Be("2026.9.6");
        openclaw.GetProperty("logFile").GetString().Should().Be(logFile);
        openclaw.GetProperty("stateDatabase").GetString().Should().Be(Path.Combine(state, "state", "openclaw.sqlite"));
        openclaw.GetProperty("agents").GetInt32().Should().Be(3);
        var account = openclaw.GetProperty("telegramAccounts").EnumerateArray().Should().ContainSingle().Subject;
        account.GetProperty("tokenSource").GetString().Should().Be("tokenFile");
        account.GetProperty("defaultTo").GetString().Should().Be("-100777:topic:5");

        status.GetProperty("openclawStateDir").GetString().Should().Be(state);
        var stores = status.GetProperty("stores").EnumerateArray().ToList();
        stores.Should().Contain(s => s.GetProperty("agent").GetString() == "remote" && s.GetProperty("path").GetString() == Path.Combine(remote, "auth-profiles.json") && s.GetProperty("up").GetBoolean());
        stores.Should().Contain(s => s.GetProperty("agent").GetString() == "hr-bp" && s.GetProperty("up").GetBoolean());
        status.GetProperty("logs").GetProperty("followedFiles").EnumerateArray().Select(f => f.GetString()).Should().Contain(logFile);
        status.GetProperty("alerts").GetProperty("targets").EnumerateArray().Select(t => t.GetString()).Should().Equal("chat -100777 topic 5 (account default)");
        status.GetProperty("alerts").GetProperty("canSend").GetBoolean().Should().BeTrue();
        FixtureSecrets.AssertNoSecret(status.GetRawText() + daemon.Output, "status and log", [Token]);
    }

    /// <summary>OpenClaw's ledger schema with one result whose delivery failed.</summary>
    private static void CreateLedger(string path)
    {
        using var db = new LedgerDb();
        WiredLedger.AddDeliveryFailed(db, "task-home-1", requesterAgent: "main");
        SqliteConnection.ClearAllPools();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var c = db.Open();
        LedgerDb.Exec(c, $"VACUUM INTO '{path}'");
    }
}
