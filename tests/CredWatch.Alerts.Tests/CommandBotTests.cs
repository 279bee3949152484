using CredWatch.TestSupport.Telegram;
using CredWatch.Alerts.Discovery;
using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Tests;

/// <summary>The command bot's discovery (allowFrom as OpenClaw 2026.9.6 spells it, the gateway's token refused) and its alert routing.</summary>
public sealed class CommandBotTests : IDisposable
{
    private const string CommandToken = "987654321:FIXTUREcommandBOTxxxxxxxxxxxxxxxxxxxxxx";
    private readonly string _dir = Directory.CreateTempSubdirectory("credwatch-cmdbot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static OpenClawTelegramAccount Account(string id, string token, params string[] allowFrom) =>
        new(id, token, "botToken", null, null, allowFrom, []);

    private static TelegramSetup Discover(CommandBotOptions bot, params OpenClawTelegramAccount[] accounts)
    {
        var openClaw = new OpenClawTelegram("/x/openclaw.json", true, accounts, []);
        var setup = new TelegramDiscovery(new TelegramOptions { CommandBot = bot }, openClaw, _ => null).Discover();
        CredWatch.TestSupport.FixtureSecrets.AssertNoSecret(string.Join("\n", setup.Notes) + setup.CommandBotRefusal, "discovery", [AlertHarness.BotToken, CommandToken]);
        return setup;
    }

    [Fact]
    public void Allowed_users_are_the_gateways_allowFrom_with_prefixes_and_never_a_wildcard()
    {
        // As the host hands them over: each account's allowFrom already overlaid on the channel's.
        var setup = Discover(new CommandBotOptions { Token = CommandToken },
            Account("default", AlertHarness.BotToken, "tg:11", "telegram:12", "13", "*", "accessGroup:ops", "@someone"),
            Account("ops", AlertHarness.BotToken, "TG: 14"));

        setup.CommandBotRefusal.Should().BeNull();
        setup.CommandBot.Should().NotBeNull();
        setup.CommandBot!.Id.Should().Be(TelegramSetup.CommandBotAccountId);
        setup.CommandUsers.Should().BeEquivalentTo([11L, 12L, 13L, 14L]);
        setup.Notes.Should().Contain(n => n.Contains("3 allowFrom entries", StringComparison.Ordinal));

        var explicitList = Discover(new CommandBotOptions { Token = CommandToken, AllowFrom = "21, 22" }, Account("default", AlertHarness.BotToken, "11"));
        explicitList.CommandUsers.Should().BeEquivalentTo([21L, 22L]);
    }

    [Theory]
    [InlineData("123", 123L)]
    [InlineData(" tg: 123 ", 123L)]
    [InlineData("TELEGRAM:123", 123L)]
    [InlineData("telegram:tg:123", null)]
    [InlineData("user:123", null)]
    [InlineData("123:5", null)]
    [InlineData("-100123", null)]
    [InlineData("0", null)]
    [InlineData("+123", null)]
    [InlineData("*", null)]
    public void An_allowFrom_entry_is_a_user_only_as_openclaw_reads_a_sender_id(string entry, long? expected) =>
        CredWatch.Alerts.Discovery.ChatSpec.UserId(entry).Should().Be(expected);

    [Fact]
    public void An_explicit_allow_list_with_a_non_user_entry_refuses_the_start()
    {
        var errors = new TelegramOptionsValidator().Validate(null, new TelegramOptions { CommandBot = new CommandBotOptions { Token = CommandToken, AllowFrom = "21, 0" } });
        errors.Failed.Should().BeTrue();
        errors.FailureMessage.Should().Contain("AllowFrom entry '0'");
    }

    [Fact]
    public void The_gateways_own_token_is_refused_without_naming_it()
    {
        File.WriteAllText(Path.Combine(_dir, "cmd.token"), AlertHarness.BotToken + "\n");
        var setup = Discover(new CommandBotOptions { TokenFile = Path.Combine(_dir, "cmd.token") }, Account("ops", AlertHarness.BotToken));

        setup.CommandBot.Should().BeNull();
        setup.CommandBotRefusal.Should().Contain("gateway's own bot token (account ops)").And.Contain("409");
    }

    [Fact]
    public void Retry_button_data_stays_within_telegrams_64_bytes()
    {
        AlertAction.RetryDelivery(new string('a', 58))!.Data.Should().HaveLength(64);
        AlertAction.RetryDelivery(new string('a', 59)).Should().BeNull();
        AlertAction.RetryDelivery("t-1")!.Label.Should().Be("Retry delivery");
    }

    [Fact]
    public async Task An_alert_with_a_button_goes_through_the_command_bot_and_falls_back_to_the_gateways_bot_without_it_when_refused()
    {
        var tokenFile = Path.Combine(_dir, "cmd.token");
        File.WriteAllText(tokenFile, CommandToken);
        await using var h = await AlertHarness.StartAsync(new()
        {
            ["CredWatch:Telegram:CommandBot:TokenFile"] = tokenFile,
            ["CredWatch:Telegram:CommandBot:PollTimeout"] = "00:00:01",
        });
        h.Sink.PublishConditions("task/t-1", [Waiting("t-1")]);
        // The command bot's long poll is always in flight: the clock moves while the server answers.
        await h.PumpUntil(() => h.Server.DeliveredMessages.Count == 1, because: "the alert", whileServerAnswers: true);
        var first = h.Server.DeliveredMessages[0];
        first.Token.Should().Be(CommandToken);
        first.CallbackData.Should().Equal("retry:t-1");

        // The command bot is not a member of that chat: the gateway's bot says it, without the button.
        h.Server.EnqueueFault(new BotApiFault.BadRequest("Bad Request: chat not found"));
        h.Sink.PublishConditions("task/t-2", [Waiting("t-2")]);
        await h.PumpUntil(() => h.Server.DeliveredMessages.Any(m => m.Text!.Contains("t-2", StringComparison.Ordinal)), because: "the fallback", whileServerAnswers: true);
        var fallback = h.Server.DeliveredMessages.Single(m => m.Text!.Contains("t-2", StringComparison.Ordinal));
        fallback.Token.Should().Be(AlertHarness.BotToken, "the command bot's send was refused; every request: {0}",
            string.Join("; ", h.Server.Requests.Where(r => r.Method != "getUpdates").Select(r => $"{r.Method} {r.Token[..9]} {r.StatusCode} {r.Text?[..Math.Min(r.Text.Length, 60)]}")));
        fallback.Text.Should().Contain("t-2");
        fallback.CallbackData.Should().BeEmpty();
        h.Logs.Text.Should().Contain("the gateway's bot sends it without the button");
        h.Server.Requests.Should().NotContain(r => r.Token == AlertHarness.BotToken && r.Method != "sendMessage");
    }

    [Fact]
    public async Task Without_a_command_bot_the_gateways_bot_sends_the_alert_with_no_button()
    {
        await using var h = await AlertHarness.StartAsync();
        h.Sink.PublishConditions("task/t-1", [Waiting("t-1")]);
        await h.PumpUntil(() => h.Server.DeliveredMessages.Count == 1);
        h.Server.DeliveredMessages[0].Token.Should().Be(AlertHarness.BotToken);
        h.Server.DeliveredMessages[0].CallbackData.Should().BeEmpty();
        h.Server.DeliveredMessages[0].Text.Should().Contain("openclaw tasks retry t-1");
        h.Server.Requests.Select(r => r.Method).Should().OnlyContain(m => m == "sendMessage");
    }

    private static AlertCondition Waiting(string id) =>
        new("task/" + id, AlertKinds.TaskUndelivered, AlertSeverity.Critical, $"Task result not delivered (blocked). Run `openclaw tasks retry {id}`.")
        {
            Action = AlertAction.RetryDelivery(id),
        };
}
