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
/// The "current home", made by the real OpenClaw 2026.9.6: its own doctor migrates main's login of its own
/// (<c>anthropic:default</c>) into the state database (shared store, empty task ledger), the Claude CLI holds a
/// different login, no Codex CLI. The real daemon on it: no Telegram message, no store error, no shipped rule in an
/// hour of its series, <c>check</c> exit 0.
/// </summary>
[Collection(RealOpenClawSerial.Name)]
public sealed class RealHealthyHomeTests
{
    [RealOpenClawFact]
    public async Task A_home_set_up_by_the_real_OpenClaw_doctor_is_quiet_on_both_paths()
    {
        PromBinaries.MissingReason(PromBinaries.Promtool).Should().BeNull("the rules are judged by the real promtool");
        using var home = OpenClawHome.Create("quiet");
        home.WriteLegacyAuthProfiles("main", [Fakes.Fresh("anthropic:default", Fakes.InHours(6)), LegacyProfile.ApiKey("openrouter:default", "openrouter", Fakes.ApiKey)]);
        (await OpenClawRunner.DoctorFixAsync(home)).EnsureSuccess();
        File.Exists(home.StateDatabasePath).Should().BeTrue("2026.9.6's doctor moves main's store into the state database");
        Directory.CreateDirectory(Path.Combine(home.Root, ".claude"));
        await File.WriteAllTextAsync(Path.Combine(home.Root, ".claude", ".credentials.json"),
            Tokens.Claude(Tokens.Access("realcli"), Tokens.Refresh("realcli"), 4102444800000));

        await using var server = await BotApiTestServer.StartAsync();
        home.PatchConfig(("channels.telegram", new JsonObject
        {
            ["enabled"] = true, ["botToken"] = QuietHome.BotToken, ["apiRoot"] = server.BaseUrl.ToString().TrimEnd('/'), ["defaultTo"] = "-100555",
        }));
        var logs = Path.Combine(home.Root, "gateway-logs");
        Directory.CreateDirectory(logs);
        var env = new Dictionary<string, string>
        {
            ["CREDWATCH_LOGTAIL__PATHS__0"] = Path.Combine(logs, "openclaw-*.log"),
            ["CREDWATCH_SCAN__RESCANINTERVAL"] = "00:00:01",
            ["CREDWATCH_ALERTS__GROUPINGWINDOW"] = "00:00:00.050",
        };

        string metrics;
        // The periodic scan line is at debug level.
        await using (var d = await CredWatchProcess.StartDaemonAsync(home.Root, Path.Combine(home.Root, "credwatch-state"), env, ["--log.level", "debug"]))
        {
            // Past the confirmation window (3 failed scans) and the ledger's first pass.
            await Eventually.Until(() => d.Output.Split("stores read;").Length > 5, TimeSpan.FromSeconds(90), "five store scans");
            metrics = string.Empty;
            await Eventually.UntilAsync(async () => (metrics = await d.ScrapeAsync()).Contains("credwatch_store_present{", StringComparison.Ordinal)
                && metrics.Contains("store=\"openclaw-tasks\"", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

            Scrape.Value(metrics, "credwatch_token_state", ("store", "openclaw-shared"), ("profile", "anthropic:default"), ("state", "own_login")).Should().Be(1, metrics);
            Scrape.Series(metrics).Should().NotContain(s => s.Name == "credwatch_token_fingerprint_mismatch" && s.Value != 0);
            Scrape.Series(metrics).Should().NotContain(s => s.Name == "credwatch_store_errors_total" && s.Value != 0);
            Scrape.Series(metrics).Should().NotContain(s => s.Name == "credwatch_store_up" && s.Value != 1);
            Scrape.Value(metrics, "credwatch_store_up", ("store", "openclaw-tasks")).Should().Be(1, "2026.9.6's state database holds the (empty) ledger");
            Scrape.Value(metrics, "credwatch_store_present", ("store", "codex-cli")).Should().Be(0);
            using var status = JsonDocument.Parse(await d.Client.GetStringAsync("/api/status"));
            status.RootElement.GetProperty("alerts").GetProperty("firingTotal").GetInt32().Should().Be(0);
            server.DeliveredMessages.Should().BeEmpty();
        }

        (await RulesOverScrape.FiringAsync(metrics)).Should().BeEmpty();
        var (code, stdout, stderr) = await CredWatchProcess.RunAsync(["check", "--home", home.Root, "--state-dir", Path.Combine(home.Root, "credwatch-state")]);
        code.Should().Be(0, stdout + stderr);
    }
}
