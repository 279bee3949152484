using System.Text.Json;
using System.Text.Json.Nodes;
using CredWatch.Exporter.Tests.Quiet;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using CredWatch.TestSupport.OpenClaw;
using CredWatch.TestSupport.Prometheus;
using CredWatch.TestSupport.Telegram;

namespace CredWatch.Exporter.Tests.RealOpenClaw;

/// <summary>
/// The MiniMax CLI and the Gemini CLI on a home the real OpenClaw 2026.9.6 set up: its doctor imports the MiniMax CLI's
/// login into <c>minimax-portal:minimax-cli</c> and keeps a model on the Gemini CLI runtime with no stored profile to
/// stage (so the <c>gemini</c> CLI runs on its own login). The real daemon, its Telegram messages through a loopback
/// Bot API, the shipped rules over its series and <c>check</c>: quiet while healthy, then one message per failure.
/// </summary>
[Collection(RealOpenClawSerial.Name)]
public sealed class ExternalCliAlertsOnRealOpenClawTests
{
    private const string BotToken = "123456789:FIXTUREbotEXTCLIxxxxxxxxxxxxxxxxxxxxxxx";
    private const string CliAccess = "mmx-FIXTUREaccessCLI-e2e-1111";
    private const string CliRefresh = "mmx-FIXTURErefreshCLI-e2e-2222";
    private const string RotatedAccess = "mmx-FIXTUREaccessROT-e2e-3333";
    private const string RotatedRefresh = "mmx-FIXTURErefreshROT-e2e-4444";
    private const string GeminiAccess = "ya29.FIXTUREaccessGEM-e2e-5555";
    private const string GeminiRefresh = "1//FIXTURErefreshGEM-e2e-6666";
    private const string StoredGeminiAccess = "ya29.FIXTUREaccessSTORED-e2e-7777";
    private const string StoredGeminiRefresh = "1//FIXTURErefreshSTORED-e2e-8888";
    private const string GeminiModel = "google/gemini-3.1-pro-preview";
    private static readonly string[] Secrets = [BotToken, CliAccess, CliRefresh, RotatedAccess, RotatedRefresh, GeminiAccess, GeminiRefresh, StoredGeminiAccess, StoredGeminiRefresh];
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static void Write(OpenClawHome home, string relative, string text)
    {
        var path = Path.Combine(home.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string MiniMax(string access, string refresh) =>
        $$"""{"access_token":"{{access}}","refresh_token":"{{refresh}}","expiry_date":{{Fakes.InHours(6).ToUnixTimeMilliseconds()}},"token_type":"Bearer"}""";

    private static int Scans(CredWatchProcess d) => d.Output.Split("stores read;").Length - 1;

    [RealOpenClawFact]
    public async Task A_stale_minimax_copy_a_dead_and_a_missing_gemini_login_are_each_flagged_once_and_healthy_clis_are_quiet()
    {
        PromBinaries.MissingReason(PromBinaries.Promtool).Should().BeNull("the rules are judged by the real promtool");
        using var home = OpenClawHome.Create("extcli");
        Write(home, ".minimax/oauth_creds.json", MiniMax(CliAccess, CliRefresh));
        Write(home, ".gemini/oauth_creds.json",
            $$"""{"access_token":"{{GeminiAccess}}","refresh_token":"{{GeminiRefresh}}","expiry_date":{{Fakes.InHours(1).ToUnixTimeMilliseconds()}},"token_type":"Bearer"}""");
        home.WriteLegacyAuthProfiles("main",
        [
            LegacyProfile.OAuth("minimax-portal:minimax-cli", "minimax-portal", Fakes.OldAccess, Fakes.OldRefresh, Fakes.InHours(-1)),
            LegacyProfile.OAuth("google-gemini-cli:default", "google-gemini-cli", StoredGeminiAccess, StoredGeminiRefresh, Fakes.InHours(6)),
        ]);
        home.PatchConfig(("agents.defaults.models", new JsonObject { [GeminiModel] = new JsonObject { ["agentRuntime"] = new JsonObject { ["id"] = "google-gemini-cli" } } }));
        var doctor = (await OpenClawRunner.DoctorFixAsync(home)).EnsureSuccess();
        FixtureSecrets.AssertNoSecret(doctor.StdOut + doctor.StdErr, "openclaw doctor output", Secrets);
        OpenClawStateDatabase.SharedProfile(home, "minimax-portal:minimax-cli")!["authFlow"]!.GetValue<string>().Should().Be("external-cli");
        File.ReadAllText(home.ConfigPath).Should().Contain("google-gemini-cli", "the doctor keeps the model on the Gemini CLI runtime");
        // 2026.9.6 retires the google-gemini-cli profile id: the stored login becomes a google OAuth profile, which the
        // gemini runtime does not stage, so the runtime runs on the Gemini CLI's own login.
        OpenClawStateDatabase.SharedProfile(home, "google-gemini-cli:default").Should().BeNull();
        OpenClawStateDatabase.SharedProfile(home, "google:default")!["provider"]!.GetValue<string>().Should().Be("google");

        await using var server = await BotApiTestServer.StartAsync();
        home.PatchConfig(("channels.telegram", new JsonObject
        {
            ["enabled"] = true, ["botToken"] = BotToken, ["apiRoot"] = server.BaseUrl.ToString().TrimEnd('/'), ["defaultTo"] = "-100556",
        }));
        var state = Path.Combine(home.Root, "credwatch-state");
        var env = new Dictionary<string, string>
        {
            ["CREDWATCH_LOGTAIL__PATHS__0"] = Path.Combine(home.Root, "gateway-logs", "openclaw-*.log"),
            ["CREDWATCH_SCAN__RESCANINTERVAL"] = "00:00:01",
            ["CREDWATCH_ALERTS__GROUPINGWINDOW"] = "00:00:00.050",
        };
        // Alerts of one grouping window share a message (HTML): count each alert's own first line across all of them.
        string All() => string.Join('\n', server.DeliveredMessages.Select(m => m.Text ?? string.Empty));
        int Times(string line) => All().Split(line).Length - 1;
        const string StaleMiniMax = "Stale copy: openclaw-shared profile minimax-portal:minimax-cli";
        const string DeadGemini = "Login dead: gemini-cli profile default (google-gemini-cli)";
        const string MissingGemini = "Gemini CLI login missing";
        const string GeminiFix = "run <code>gemini</code> and sign in again";

        // Healthy, check is quiet too: no warning line, exit 0.
        var (okCode, okOut, okErr) = await CredWatchProcess.RunAsync(["check", "--json", "--home", home.Root, "--state-dir", state]);
        FixtureSecrets.AssertNoSecret(okOut + okErr, "check output", Secrets);
        using (var doc = JsonDocument.Parse(okOut))
        {
            doc.RootElement.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("severity").GetString() != "ok").Select(l => l.ToString())
                .Should().BeEmpty("healthy MiniMax and Gemini CLI logins leave no warning in check");
        }

        okCode.Should().Be(0, okOut + okErr);

        string healthyMetrics, failingMetrics;
        await using (var d = await CredWatchProcess.StartDaemonAsync(home.Root, state, env, ["--log.level", "debug"]))
        {
            await Eventually.Until(() => Scans(d) >= 5, Deadline, "five store scans");
            healthyMetrics = await d.ScrapeAsync();
            Scrape.Value(healthyMetrics, "credwatch_token_state", ("store", "openclaw-shared"), ("profile", "minimax-portal:minimax-cli"), ("state", "in_sync")).Should().Be(1, healthyMetrics);
            Scrape.Value(healthyMetrics, "credwatch_agent_effective_credential", ("agent", "main"), ("provider", "google-gemini-cli"), ("store", "gemini-cli"), ("state", "live"))
                .Should().Be(1, "the gemini runtime runs on the Gemini CLI's own login");
            Scrape.Series(healthyMetrics).Should().NotContain(s => s.Name == "credwatch_store_errors_total" && s.Value != 0);
            server.DeliveredMessages.Should().BeEmpty("healthy MiniMax and Gemini CLI logins send no message");

            // The MiniMax CLI refreshes on its own; the Gemini CLI's login ends (no refresh token left).
            Write(home, ".minimax/oauth_creds.json", MiniMax(RotatedAccess, RotatedRefresh));
            Write(home, ".gemini/oauth_creds.json", $$"""{"access_token":"{{GeminiAccess}}","expiry_date":{{Fakes.InHours(-2).ToUnixTimeMilliseconds()}}}""");
            await Eventually.Until(() => Times(StaleMiniMax) >= 1 && Times(DeadGemini) >= 1, Deadline, "an alert for each failure");
            var settled = Scans(d);
            await Eventually.Until(() => Scans(d) >= settled + 4, Deadline, "four more scans");
            Times(StaleMiniMax).Should().Be(1, All());
            Times(DeadGemini).Should().Be(1, All());
            All().Should().Contain("To switch now: openclaw models auth login --provider minimax-portal").And.Contain(GeminiFix)
                .And.Contain("openclaw models auth login --provider google");

            // The Gemini CLI's login is gone altogether while the runtime still needs it.
            File.Delete(Path.Combine(home.Root, ".gemini", "oauth_creds.json"));
            await Eventually.Until(() => Times(MissingGemini) >= 1, Deadline, "the missing-login alert");
            settled = Scans(d);
            await Eventually.Until(() => Scans(d) >= settled + 4, Deadline, "four more scans");
            Times(MissingGemini).Should().Be(1, All());
            Times(StaleMiniMax).Should().Be(1, "nothing changed for the MiniMax copy: " + All());
            All().Should().Contain("of agent main through");
            failingMetrics = await d.ScrapeAsync();
            foreach (var m in server.Requests)
            {
                FixtureSecrets.AssertNoSecret(m.Text ?? string.Empty, "Telegram message", Secrets);
            }
        }

        (await RulesOverScrape.FiringAsync(healthyMetrics)).Should().BeEmpty("no shipped rule fires on healthy MiniMax and Gemini CLI logins");
        (await RulesOverScrape.FiringAsync(failingMetrics)).Should().Contain(["CredWatchCopyStale", "CredWatchGeminiLoginMissing"]);

        // check on the failing home names the fix.
        var (code, stdout, stderr) = await CredWatchProcess.RunAsync(["check", "--home", home.Root, "--state-dir", state]);
        code.Should().NotBe(0, stdout + stderr);
        stdout.Should().Contain("google-gemini-cli").And.Contain("fix: run `gemini` and sign in again");
        FixtureSecrets.AssertNoSecret(stdout + stderr, "check output", Secrets);
    }

    [RealOpenClawFact]
    public async Task An_agent_whose_next_turn_runs_on_a_dead_stored_login_while_the_claude_cli_login_is_live_is_named_once()
    {
        PromBinaries.MissingReason(PromBinaries.Promtool).Should().BeNull("the rules are judged by the real promtool");
        using var home = OpenClawHome.Create("shadow-e2e");
        var cliCreds = Path.Combine(home.Root, ".claude", ".credentials.json");
        var live = $$$"""{"claudeAiOauth":{"accessToken":"{{{CliAccess}}}","refreshToken":"{{{CliRefresh}}}","expiresAt":{{{Fakes.InHours(8).ToUnixTimeMilliseconds()}}},"subscriptionType":"max"}}""";
        Write(home, ".claude/.credentials.json", live);
        Write(home, ".claude.json", """{"oauthAccount":{"emailAddress":"ops@example.com","accountUuid":"11111111-2222-3333-4444-555555555555"}}""");
        home.WriteLegacyAuthProfiles("main", [Fakes.Fresh("anthropic:default", Fakes.InHours(6))]);
        home.PatchConfig(
            ("auth.order.anthropic", new JsonArray("anthropic:default", "anthropic:claude-cli")),
            ("auth.profiles", new JsonObject { ["anthropic:claude-cli"] = new JsonObject { ["provider"] = "claude-cli", ["mode"] = "oauth" } }));
        (await OpenClawRunner.DoctorFixAsync(home)).EnsureSuccess();

        await using var server = await BotApiTestServer.StartAsync();
        home.PatchConfig(("channels.telegram", new JsonObject
        {
            ["enabled"] = true, ["botToken"] = BotToken, ["apiRoot"] = server.BaseUrl.ToString().TrimEnd('/'), ["defaultTo"] = "-100557",
        }));
        var env = new Dictionary<string, string>
        {
            ["CREDWATCH_LOGTAIL__PATHS__0"] = Path.Combine(home.Root, "gateway-logs", "openclaw-*.log"),
            ["CREDWATCH_SCAN__RESCANINTERVAL"] = "00:00:01",
            ["CREDWATCH_ALERTS__GROUPINGWINDOW"] = "00:00:00.050",
        };
        string All() => string.Join('\n', server.DeliveredMessages.Select(m => m.Text ?? string.Empty));
        const string Named = "Dead login in use: agent main, anthropic";

        string metrics;
        await using (var d = await CredWatchProcess.StartDaemonAsync(home.Root, Path.Combine(home.Root, "credwatch-state"), env, ["--log.level", "debug"]))
        {
            // The Claude CLI once held the stored profile's refresh token and rotated it: the stored login is provably dead.
            File.WriteAllText(cliCreds, $$$"""{"claudeAiOauth":{"accessToken":"{{{Fakes.FreshAccess}}}","refreshToken":"{{{Fakes.FreshRefresh}}}","expiresAt":{{{Fakes.InHours(6).ToUnixTimeMilliseconds()}}}}}""");
            var seen = Scans(d);
            await Eventually.Until(() => Scans(d) >= seen + 2, Deadline, "two scans of the older Claude CLI login");
            File.WriteAllText(cliCreds, live);
            await Eventually.Until(() => All().Contains(Named, StringComparison.Ordinal), Deadline, "the dead-login-in-use alert");
            var settled = Scans(d);
            await Eventually.Until(() => Scans(d) >= settled + 4, Deadline, "four more scans");
            (All().Split(Named).Length - 1).Should().Be(1, All());
            All().Should().Contain("anthropic:default").And.Contain("openclaw models auth logout --agent main anthropic:default --yes");
            metrics = await d.ScrapeAsync();
            foreach (var m in server.Requests)
            {
                FixtureSecrets.AssertNoSecret(m.Text ?? string.Empty, "Telegram message", [.. Secrets, Fakes.FreshAccess, Fakes.FreshRefresh, "ops@example.com"]);
            }
        }

        Scrape.Value(metrics, "credwatch_agent_effective_credential", ("agent", "main"), ("provider", "anthropic"), ("profile", "anthropic:default"), ("state", "shadows_live_login"))
            .Should().Be(0, metrics);
        (await RulesOverScrape.FiringAsync(metrics)).Should().Contain("CredWatchDeadLoginInUse");
    }
}
