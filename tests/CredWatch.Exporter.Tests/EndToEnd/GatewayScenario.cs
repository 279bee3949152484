using System.Text.Json.Nodes;
using CredWatch.TestSupport.Anthropic;
using CredWatch.TestSupport.OpenClaw;
using CredWatch.TestSupport.Telegram;

namespace CredWatch.Exporter.Tests.EndToEnd;

/// <summary>
/// One scratch OpenClaw home wired for an end-to-end run: a loopback Anthropic Messages API server, a loopback Bot
/// API server the gateway's Telegram channel long-polls (<c>apiRoot</c>), and a CredWatch state dir. The legacy
/// store is written before <c>doctor --fix</c> so the real OpenClaw migrates it (and fences an expired login).
/// </summary>
internal sealed class GatewayScenario : IAsyncDisposable
{
    /// <summary>A fake bot token in Telegram's shape; its FIXTUREbot fragment is scanned for by FixtureSecrets.</summary>
    public const string BotToken = "123456789:FIXTUREbotTOKEN0000000000000000000000";

    /// <summary>The operator's DM with the bot: <c>defaultTo</c>, and the only user allowed to talk to the agent.</summary>
    public const long OperatorChat = 424242;

    private GatewayScenario(OpenClawHome home, FakeAnthropicServer anthropic, BotApiTestServer bot)
    {
        Home = home;
        Anthropic = anthropic;
        Bot = bot;
        CredWatchStateDir = Path.Combine(home.Root, "credwatch-state");
    }

    public OpenClawHome Home { get; }

    public FakeAnthropicServer Anthropic { get; }

    public BotApiTestServer Bot { get; }

    public string CredWatchStateDir { get; }

    public OpenClawResult? Doctor { get; private set; }

    public static async Task<GatewayScenario> CreateAsync(string label, IEnumerable<LegacyProfile> profiles, Func<OpenClawHome, AnthropicScript>? script = null)
    {
        var home = OpenClawHome.Create(label);
        var anthropic = await FakeAnthropicServer.StartAsync(script?.Invoke(home));
        var bot = await BotApiTestServer.StartAsync();
        home.WriteLegacyAuthProfiles("main", profiles);
        home.UseAnthropicBaseUrl(anthropic.BaseUrl);
        home.PatchConfig(
            ("gateway.mode", "local"),
            ("channels.telegram", new JsonObject
            {
                ["enabled"] = true,
                ["botToken"] = BotToken,
                ["apiRoot"] = bot.BaseUrl.ToString().TrimEnd('/'),
                ["defaultTo"] = OperatorChat.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["dmPolicy"] = "allowlist",
                ["allowFrom"] = new JsonArray(OperatorChat.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            }));
        return new GatewayScenario(home, anthropic, bot);
    }

    /// <summary>The real <c>openclaw doctor --fix --non-interactive</c>; kept for the test to assert on.</summary>
    public async Task MigrateAsync() => Doctor = await OpenClawRunner.DoctorFixAsync(Home);

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Anthropic.DisposeAsync();
        Home.Dispose();
    }
}
