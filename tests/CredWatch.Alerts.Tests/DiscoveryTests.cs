using CredWatch.Alerts.Discovery;
using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Tests;

/// <summary>OpenClaw's Telegram accounts as the host hands them over, plus CredWatch's explicit settings → bots and targets.</summary>
public sealed class DiscoveryTests : IDisposable
{
    private const string Token = "123456789:FIXTUREbotTOKENxxxxxxxxxxxxxxxxxxxxxxxxx";
    private const string Token2 = "987654321:FIXTUREbotOTHERyyyyyyyyyyyyyyyyyyyyyyyy";
    private readonly string _dir = Directory.CreateTempSubdirectory("credwatch-disc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static OpenClawTelegramAccount Account(string id = "default", string token = Token, string? apiRoot = null, string? defaultTo = null, string[]? allowFrom = null, string[]? groups = null) =>
        new(id, token, "botToken", apiRoot, defaultTo, allowFrom ?? [], groups ?? []);

    private static TelegramSetup Discover(IReadOnlyList<OpenClawTelegramAccount> accounts, Dictionary<string, string>? env = null, TelegramOptions? options = null, bool hasChannel = true)
    {
        var openClaw = new OpenClawTelegram("/x/openclaw.json", hasChannel, accounts, []);
        var setup = new TelegramDiscovery(options ?? new TelegramOptions(), openClaw, n => env is not null && env.TryGetValue(n, out var v) ? v : null).Discover();
        CredWatch.TestSupport.FixtureSecrets.AssertNoSecret(string.Join("\n", setup.Notes) + string.Join("\n", setup.Accounts.Values.Select(a => a.ToString())), "discovery notes");
        return setup;
    }

    [Fact]
    public void Default_to_topic_and_api_root()
    {
        var setup = Discover([Account(defaultTo: "-100123:topic:42", apiRoot: "http://127.0.0.1:8081")]);
        setup.Accounts["default"].Token.Should().Be(Token);
        setup.Accounts["default"].ApiBase.Should().Be(new Uri("http://127.0.0.1:8081/"));
        setup.DefaultTargets.Should().ContainSingle().Which.Should().Be(DeliveryTarget.Create("default", -100123, 42));
    }

    [Fact]
    public void A_single_allowed_user_or_group_is_the_chat()
    {
        Discover([Account(allowFrom: ["5550001"])]).DefaultTargets.Should().ContainSingle().Which.ChatId.Should().Be(5550001);
        Discover([Account(allowFrom: ["tg:77"])]).DefaultTargets.Should().ContainSingle().Which.ChatId.Should().Be(77);
        Discover([Account(allowFrom: ["user:5550001"])]).DefaultTargets.Should().BeEmpty("OpenClaw reads no sender id from 'user:'");
        Discover([Account(groups: ["-100555"])]).DefaultTargets.Should().ContainSingle().Which.ChatId.Should().Be(-100555);
    }

    [Fact]
    public void Accounts_each_get_their_bot_api_root_and_chat()
    {
        var setup = Discover([
            Account("work", Token, "http://127.0.0.1:2000/", "-1001"),
            Account("home", Token2, "http://127.0.0.1:1000", allowFrom: ["tg:77"]),
        ]);
        setup.Accounts.Keys.Should().BeEquivalentTo("work", "home");
        setup.Accounts["work"].ApiBase!.Port.Should().Be(2000);
        setup.Accounts["home"].ApiBase!.Port.Should().Be(1000);
        setup.DefaultTargets.Should().BeEquivalentTo([DeliveryTarget.Create("work", -1001, null), DeliveryTarget.Create("home", 77, null)]);
    }

    [Fact]
    public void Explicit_settings_override_openclaw()
    {
        File.WriteAllText(Path.Combine(_dir, "explicit.token"), Token2);
        var setup = Discover([Account(defaultTo: "-100123", apiRoot: "http://127.0.0.1:1000")], options: new TelegramOptions
        {
            BotTokenFile = Path.Combine(_dir, "explicit.token"),
            ChatId = "-100999, 55",
            ThreadId = 8,
            ApiUrl = "http://127.0.0.1:3000",
        });
        setup.Accounts["default"].Token.Should().Be(Token2);
        setup.Accounts["default"].ApiBase!.Port.Should().Be(3000);
        setup.DefaultTargets.Should().BeEquivalentTo([DeliveryTarget.Create("default", -100999, 8), DeliveryTarget.Create("default", 55, 8)]);
    }

    [Fact]
    public void Without_an_openclaw_channel_the_environment_token_and_explicit_chat_send()
    {
        var setup = Discover([], new() { ["TELEGRAM_BOT_TOKEN"] = Token }, new TelegramOptions { ChatId = "42" }, hasChannel: false);
        setup.Accounts["default"].TokenSource.Should().Be("env TELEGRAM_BOT_TOKEN");
        setup.DefaultTargets.Should().ContainSingle().Which.ChatId.Should().Be(42);
    }

    [Theory]
    [InlineData("x:y", null, "no Telegram chat")]
    [InlineData("x:y", "@someone", "defaultTo is not a numeric chat id")]
    public void An_account_without_a_chat_is_a_note_not_a_crash(string token, string? defaultTo, string note)
    {
        var setup = Discover([Account(token: token, defaultTo: defaultTo, allowFrom: ["1", "2"])]);
        setup.CanSend.Should().BeFalse();
        setup.Notes.Should().Contain(n => n.Contains(note, StringComparison.Ordinal));
    }
}
