using System.Diagnostics;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.AlertMapping;

/// <summary><c>credwatch alert-test</c> as a real process against the loopback Bot API server.</summary>
public sealed class AlertTestProcessTests
{
    private static Task<(int Code, string Out, string Err)> Run(params string[] args) =>
        CredWatchProcess.RunAsync(args, extraSecrets: [AlertingHome.BotToken]);

    [Fact]
    public async Task Sends_to_every_target_and_reports_each()
    {
        await using var env = await AlertingHome.CreateAsync();
        var (code, stdout, stderr) = await Run("alert-test", "--home", env.Home.Home, "--state-dir", env.Home.StateDir, "--telegram.chat-id", $"{AlertingHome.DefaultChat},-100555:topic:9");
        code.Should().Be(0, stdout + stderr);
        stdout.Should().Contain("OK").And.Contain("2 target(s) OK");
        env.Server.DeliveredMessages.Select(m => (m.ChatIdNumber, m.MessageThreadId)).Should().BeEquivalentTo([((long?)AlertingHome.DefaultChat, (int?)null), (-100555L, 9)]);
        env.AssertOnlySent();
    }

    [Fact]
    public async Task Fails_when_a_target_fails_or_none_is_configured()
    {
        await using var env = await AlertingHome.CreateAsync();
        env.Server.AcceptedTokens = new HashSet<string>(StringComparer.Ordinal) { "999:other" };
        var (code, stdout, _) = await Run("alert-test", "--home", env.Home.Home, "--state-dir", env.Home.StateDir);
        code.Should().Be(1, stdout);
        stdout.Should().Contain("FAIL");

        File.Delete(Path.Combine(env.Home.OpenClawState, "openclaw.json"));
        var (noTarget, noTargetOut, _) = await Run("alert-test", "--home", env.Home.Home, "--state-dir", env.Home.StateDir);
        noTarget.Should().Be(1, noTargetOut);
        noTargetOut.Should().Contain("FAIL");
        env.AssertOnlySent();
    }

    [Fact]
    public async Task Check_warns_when_telegram_is_configured_but_cannot_send()
    {
        await using var env = await AlertingHome.CreateAsync();
        env.Home.Write(".openclaw/openclaw.json", """
            // the bot's token file is gone
            { channels: { telegram: { tokenFile: "/nonexistent/bot.token", defaultTo: "-100777", }, }, }
            """);
        Directory.Delete(Path.Combine(env.Home.OpenClawState, "agents", "hr-bp"), recursive: true);
        var (code, stdout, stderr) = await Run("check", "--home", env.Home.Home, "--state-dir", env.Home.StateDir);
        stdout.Should().MatchRegex(@"WARNING\s+alerts\s+telegram\s+Telegram is configured but CredWatch cannot send", stderr);
        code.Should().Be(1, "a configured but broken alert path is a warning");
    }
}
