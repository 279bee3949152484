namespace CredWatch.Alerts.Tests;

public sealed class DiscoveryTests : IDisposable
{
    private const string Token = "123456789:FIXTUREbotTOKENxxxxxxxxxxxxxxxxxxxxxxxxx";
    private const string Token2 = "987654321:FIXTUREbotOTHERyyyyyyyyyyyyyyyyyyyyyyyy";
    private readonly string dir = Directory.CreateTempSubdirectory("credwatch-disc-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private TelegramSetup Discover(string json5, Dictionary<string, string>? env = null, TelegramOptions? options = null)
    {
        var path = Path.Combine(dir, "openclaw.json");
        File.WriteAllText(path, json5);
        options ??= new TelegramOptions();
        options.OpenClawStateDir = dir;
        var setup = new TelegramDiscovery(options, n => env is not null && env.TryGetValue(n, out var v) ? v : null).Discover();
        CredWatch.TestSupport.FixtureSecrets.AssertNoSecret(string.Join("\n", setup.Notes) + string.Join("\n", setup.Accounts.Values.Select(a => a.ToString())), "discovery notes");
        return setup;
    }

    [Fact]
    public void Token_file_default_to_topic_and_api_root_with_json5_syntax()
    {
        File.WriteAllText(Path.Combine(dir, "bot.token"), Token + "\n");
        var setup = Discover($$$$"""
            { // comment
              channels: { telegram: {
                tokenFile: '{{{{Path.Combine(dir, "bot.token")}}}}',
                defaultTo: "-100123:topic:42",
                apiRoot: 'http://127.0.0.1:8081',
              }, },
            }
            """);
        setup.Accounts["default"].Token.Should().Be(Token);
        setup.Accounts["default"].ApiBase.Should().Be(new Uri("http://127.0.0.1:8081/"));
        setup.DefaultTargets.Should().ContainSingle().Which.Should().Be(DeliveryTarget.Create("default", -100123, 42));
    }

    [Fact]
    public void Symlinked_token_file_is_refused_and_bot_token_from_env_substitution_used()
    {
        File.WriteAllText(Path.Combine(dir, "real.token"), Token2);
        File.CreateSymbolicLink(Path.Combine(dir, "link.token"), Path.Combine(dir, "real.token"));
        var setup = Discover($$$$"""
            {channels: {telegram: {tokenFile: '{{{{Path.Combine(dir, "link.token")}}}}', botToken: '${MY_BOT}', allowFrom: [5550001]}}}
            """, new() { ["MY_BOT"] = Token });
        setup.Accounts["default"].Token.Should().Be(Token);
        setup.Notes.Should().Contain(n => n.Contains("symlink", StringComparison.Ordinal));
        setup.DefaultTargets.Should().ContainSingle().Which.ChatId.Should().Be(5550001);
    }

    [Fact]
    public void Secret_ref_env_and_fallback_env_and_single_group()
    {
        var setup = Discover("""{channels: {telegram: {botToken: {source: "env", id: "TG_REF"}, groups: {"-100555": {topics: {"7": {}}}, "*": {}}}}}""", new() { ["TG_REF"] = Token });
        setup.Accounts["default"].TokenSource.Should().Be("env TG_REF");
        setup.DefaultTargets.Should().ContainSingle().Which.ChatId.Should().Be(-100555);

        var fallback = Discover("""{channels: {telegram: {defaultTo: 42}}}""", new() { ["TELEGRAM_BOT_TOKEN"] = Token });
        fallback.Accounts["default"].TokenSource.Should().Be("env TELEGRAM_BOT_TOKEN");
        fallback.DefaultTargets.Should().ContainSingle().Which.ChatId.Should().Be(42);
    }

    [Fact]
    public void Accounts_each_get_their_bot_api_root_and_chat()
    {
        var setup = Discover($$$$"""
            {channels: {telegram: {
              apiRoot: 'http://127.0.0.1:1000',
              accounts: {
                work: {botToken: '{{{{Token}}}}', defaultTo: '-1001', apiRoot: 'http://127.0.0.1:2000/'},
                home: {botToken: '{{{{Token2}}}}', allowFrom: ['tg:77']},
              },
            }}}
            """);
        setup.Accounts.Keys.Should().BeEquivalentTo("work", "home");
        setup.Accounts["work"].ApiBase!.Port.Should().Be(2000);
        setup.Accounts["home"].ApiBase!.Port.Should().Be(1000, "an account inherits the channel-level apiRoot");
        setup.DefaultTargets.Should().BeEquivalentTo([DeliveryTarget.Create("work", -1001, null), DeliveryTarget.Create("home", 77, null)]);
    }

    [Fact]
    public void Explicit_settings_override_openclaw()
    {
        File.WriteAllText(Path.Combine(dir, "explicit.token"), Token2);
        var setup = Discover($$$$"""{channels: {telegram: {botToken: '{{{{Token}}}}', defaultTo: '-100123', apiRoot: 'http://127.0.0.1:1000'}}}""", options: new TelegramOptions
        {
            BotTokenFile = Path.Combine(dir, "explicit.token"),
            ChatId = "-100999, 55",
            ThreadId = 8,
            ApiUrl = "http://127.0.0.1:3000",
        });
        setup.Accounts["default"].Token.Should().Be(Token2);
        setup.Accounts["default"].ApiBase!.Port.Should().Be(3000);
        setup.DefaultTargets.Should().BeEquivalentTo([DeliveryTarget.Create("default", -100999, 8), DeliveryTarget.Create("default", 55, 8)]);
    }

    [Theory]
    [InlineData("{channels: {telegram: {botToken: '${UNSET_VAR}', defaultTo: 1}}}", "UNSET_VAR")]
    [InlineData("{channels: {telegram: ", "not valid JSON5")]
    [InlineData("{channels: {}}", "no channels.telegram")]
    [InlineData("{channels: {telegram: {botToken: 'x:y', allowFrom: [1, 2]}}}", "no Telegram chat")]
    public void Bad_or_incomplete_config_is_a_note_not_a_crash(string json5, string note)
    {
        var setup = Discover(json5);
        setup.CanSend.Should().BeFalse();
        setup.Notes.Should().Contain(n => n.Contains(note, StringComparison.Ordinal));
    }
}
