using CredWatch.Alerts;
using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Tests.OpenClaw;

/// <summary>OpenClaw's <c>channels.telegram</c> (JSON5, env references, secret refs, per-account overlays) → the accounts Alerts takes.</summary>
public sealed class TelegramChannelTests : IDisposable
{
    private const string Token = "123456789:FIXTUREbotTOKENxxxxxxxxxxxxxxxxxxxxxxxxx";
    private const string Token2 = "987654321:FIXTUREbotOTHERyyyyyyyyyyyyyyyyyyyyyyyy";
    private readonly string _dir = Directory.CreateTempSubdirectory("cw-telegram-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private OpenClawTelegram Read(string json5, Dictionary<string, string>? env = null)
    {
        File.WriteAllText(Path.Combine(_dir, "openclaw.json"), json5);
        var home = new OpenClawInstallation(_dir, new PathEnvironment(_dir, n => env?.GetValueOrDefault(n))).Resolve();
        var telegram = TelegramChannel.Read(home);
        CredWatch.TestSupport.FixtureSecrets.AssertNoSecret(string.Join("\n", telegram.Notes) + string.Join("\n", telegram.Accounts), "telegram notes");
        return telegram;
    }

    [Fact]
    public void Token_file_default_to_and_api_root_with_json5_syntax()
    {
        File.WriteAllText(Path.Combine(_dir, "bot.token"), Token + "\n");
        var t = Read("""
            { // comment
              channels: { telegram: {
                tokenFile: 'bot.token',
                defaultTo: "-100123:topic:42",
                apiRoot: 'http://127.0.0.1:8081',
              }, },
            }
            """);
        t.HasChannel.Should().BeTrue();
        var a = t.Accounts.Should().ContainSingle().Subject;
        (a.Id, a.Token, a.TokenSource, a.DefaultTo, a.ApiRoot).Should().Be(("default", Token, "tokenFile", "-100123:topic:42", "http://127.0.0.1:8081"));
    }

    [Fact]
    public void Symlinked_token_file_is_refused_and_bot_token_from_env_substitution_used()
    {
        File.WriteAllText(Path.Combine(_dir, "real.token"), Token2);
        File.CreateSymbolicLink(Path.Combine(_dir, "link.token"), Path.Combine(_dir, "real.token"));
        var t = Read($$$$"""
            {channels: {telegram: {tokenFile: '{{{{Path.Combine(_dir, "link.token")}}}}', botToken: '${MY_BOT}', allowFrom: [5550001]}}}
            """, new() { ["MY_BOT"] = Token });
        t.Accounts.Single().Token.Should().Be(Token);
        t.Accounts.Single().AllowFrom.Should().Equal("5550001");
        t.Notes.Should().Contain(n => n.Contains("symlink", StringComparison.Ordinal));
    }

    [Fact]
    public void Secret_ref_env_groups_and_the_environment_fallback()
    {
        var t = Read("""{channels: {telegram: {botToken: {source: "env", id: "TG_REF"}, groups: {"-100555": {topics: {"7": {}}}, "*": {}}}}}""", new() { ["TG_REF"] = Token });
        t.Accounts.Single().TokenSource.Should().Be("env TG_REF");
        t.Accounts.Single().Groups.Should().Equal("-100555");

        var fallback = Read("""{channels: {telegram: {defaultTo: 42}}}""", new() { ["TELEGRAM_BOT_TOKEN"] = Token });
        fallback.Accounts.Single().TokenSource.Should().Be("env TELEGRAM_BOT_TOKEN");
        fallback.Accounts.Single().DefaultTo.Should().Be("42");
    }

    [Fact]
    public void Accounts_inherit_channel_settings_and_override_their_own()
    {
        var t = Read($$$$"""
            {channels: {telegram: {
              apiRoot: 'http://127.0.0.1:1000',
              accounts: {
                work: {botToken: '{{{{Token}}}}', defaultTo: '-1001', apiRoot: 'http://127.0.0.1:2000/'},
                home: {botToken: '{{{{Token2}}}}', allowFrom: ['tg:77']},
                off: {botToken: '{{{{Token2}}}}', enabled: false},
              },
            }}}
            """);
        t.Accounts.Select(a => (a.Id, a.ApiRoot)).Should().Equal(("work", "http://127.0.0.1:2000/"), ("home", "http://127.0.0.1:1000"));
        t.Notes.Should().Contain("telegram account off is disabled in OpenClaw's config");
    }

    [Fact]
    public void An_accounts_own_allow_from_replaces_the_channels()
    {
        var t = Read($$$$"""
            {channels: {telegram: {botToken: '{{{{Token}}}}', allowFrom: ['tg:11', 13],
              accounts: {default: {}, ops: {botToken: '{{{{Token2}}}}', allowFrom: [14]} } } } }
            """);
        t.Accounts.Select(a => (a.Id, string.Join(",", a.AllowFrom))).Should().Equal(("default", "tg:11,13"), ("ops", "14"));
    }

    [Theory]
    [InlineData("{channels: {telegram: {botToken: '${UNSET_VAR}', defaultTo: 1}}}", "UNSET_VAR", true)]
    [InlineData("{channels: {telegram: ", "not valid JSON5", false)]
    [InlineData("{channels: {}}", "no channels.telegram", false)]
    public void Bad_or_incomplete_config_is_a_note_not_a_crash(string json5, string note, bool hasChannel)
    {
        var t = Read(json5);
        t.Accounts.Should().BeEmpty();
        t.HasChannel.Should().Be(hasChannel);
        t.Notes.Should().Contain(n => n.Contains(note, StringComparison.Ordinal));
    }
}
