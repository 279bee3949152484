using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.Tests.Tasks;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;

namespace CredWatch.Exporter.Tests.Integration;

/// <summary>Every wired capability through the real built <c>credwatch</c> executable.</summary>
public sealed class WiredProcessTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private string[] Home(params string[] args) => [.. args, "--home", _home.Home, "--state-dir", _home.StateDir];

    [Fact]
    public async Task Scan_counts_signals_in_log_files_as_text_and_json()
    {
        var log = Path.Combine(_home.Root, "openclaw-2026-11-25.log");
        var t = DateTimeOffset.UtcNow;
        await File.WriteAllTextAsync(log, SignalLines.Noise(t) + SignalLines.OAuthRefreshFailed("anthropic", t) + SignalLines.OAuthRefreshFailed("anthropic", t.AddMinutes(5)));

        var (code, stdout, stderr) = await CredWatchProcess.RunAsync(["scan", log, "--json"]);

        code.Should().Be(0, stderr);
        stdout.Should().Contain("oauth_refresh_failed").And.Contain("anthropic");
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetRawText().Should().Contain("\"oauth_refresh_failed\"");

        var (textCode, text, _) = await CredWatchProcess.RunAsync(["scan", log]);
        textCode.Should().Be(0);
        text.Should().Contain("oauth_refresh_failed");

        var (missingCode, _, missingErr) = await CredWatchProcess.RunAsync(["scan", Path.Combine(_home.Root, "absent.log")]);
        missingCode.Should().Be(1, "an unreadable file is reported, not a crash");
        missingErr.Should().Contain("absent.log");
    }

    [Fact]
    public async Task Scan_tasks_lists_undelivered_results_and_exits_by_severity()
    {
        using var db = new LedgerDb();
        WiredLedger.AddDeliveryFailed(db, "task-scan-1");

        var (code, stdout, stderr) = await CredWatchProcess.RunAsync(["scan", "--tasks", db.Path_]);
        code.Should().Be(1, stdout + stderr);
        stdout.Should().Contain("UNDELIVERED delivery_failed subagent task=task-scan-1");

        WiredLedger.AddParentMissing(db, "task-scan-2");
        var (jsonCode, json, _) = await CredWatchProcess.RunAsync(["scan", "--tasks", db.Path_, "--json"]);
        jsonCode.Should().Be(2);
        using var doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("count").GetInt32().Should().Be(2);
        (stdout + json).Should().NotContain(LedgerDb.SecretResult);

        var (defaultCode, defaultOut, _) = await CredWatchProcess.RunAsync(Home("scan", "--tasks"));
        defaultCode.Should().Be(3, "the fixture home has no ledger");
        defaultOut.Should().Contain(Path.Combine(_home.OpenClawState, "state", "openclaw.sqlite")).And.Contain("not_found");
    }

    [Fact]
    public async Task Check_exit_code_follows_the_ledger()
    {
        Directory.Delete(Path.Combine(_home.OpenClawState, "agents", "hr-bp"), recursive: true);
        using var db = new LedgerDb();
        var env = new Dictionary<string, string> { ["CREDWATCH_TASKS__STATEDATABASE"] = db.Path_ };

        var (clean, cleanOut, cleanErr) = await CredWatchProcess.RunAsync(Home("check"), env);
        clean.Should().Be(0, cleanOut + cleanErr);
        cleanOut.Should().Contain("tasks: OK");

        WiredLedger.AddDeliveryFailed(db, "task-check-1", requesterAgent: "main");
        var (warn, warnOut, _) = await CredWatchProcess.RunAsync(Home("check"), env);
        warn.Should().Be(1, warnOut);
        warnOut.Should().MatchRegex(@"WARNING\s+tasks\s+ledger\s+UNDELIVERED delivery_failed subagent task=task-check-1");

        WiredLedger.AddParentMissing(db, "task-check-2");
        var (crit, critOut, _) = await CredWatchProcess.RunAsync(Home("check", "--json"), env);
        crit.Should().Be(2, critOut);
        using var doc = JsonDocument.Parse(critOut);
        doc.RootElement.GetProperty("exitCode").GetInt32().Should().Be(2);

        // check is read-only for the ledger: the daemon still counts (and alerts) these results itself.
        File.Exists(Path.Combine(_home.StateDir, Exporter.Tasks.CountedTaskStore.FileName)).Should().BeFalse();
    }

    [Fact]
    public async Task Hash_password_reads_stdin_and_prints_a_bcrypt_hash()
    {
        const string Password = "wired-Pa55-FIXTURE";
        var (code, stdout, stderr) = await CredWatchProcess.RunAsync(["hash-password", "--cost", "4"], stdin: Password + "\n");

        code.Should().Be(0, stderr);
        var hash = stdout.Trim();
        hash.Should().StartWith("$2a$04$");
        BCrypt.Net.BCrypt.Verify(Password, hash).Should().BeTrue();
        (stdout + stderr).Should().NotContain(Password);

        var (aliasCode, _, aliasErr) = await CredWatchProcess.RunAsync(["web-hash"], stdin: string.Empty);
        aliasCode.Should().Be(1);
        aliasErr.Should().Contain("no password on stdin");
    }

    [Fact]
    public async Task Run_with_a_web_config_guards_metrics_but_not_healthz_and_counts_followed_log_signals()
    {
        const string User = "prometheus";
        const string Password = "scrape-wired-FIXTUREpw";
        var hash = BCrypt.Net.BCrypt.HashPassword(Password, 4);
        var webConfig = Path.Combine(_home.Root, "web.yml");
        await File.WriteAllTextAsync(webConfig, $"basic_auth_users:\n  {User}: '{hash}'\n");
        var logs = Path.Combine(_home.Root, "logs");
        Directory.CreateDirectory(logs);
        var log = Path.Combine(logs, "openclaw-2026-11-25.log");
        await File.WriteAllTextAsync(log, SignalLines.Noise(DateTimeOffset.UtcNow));
        using var db = new LedgerDb();
        WiredLedger.AddDeliveryFailed(db, "task-run-1");
        var env = new Dictionary<string, string>
        {
            ["CREDWATCH_TASKS__STATEDATABASE"] = db.Path_,
            ["CREDWATCH_TASKS__POLLINTERVAL"] = "00:00:00.200",
            ["CREDWATCH_LOGTAIL__POLLINTERVAL"] = "00:00:00.200",
        };

        await using var p = CredWatchProcess.Start(
            Home("run", "--web.listen-address", "127.0.0.1:0", "--web.config.file", webConfig, "--log-path", Path.Combine(logs, "openclaw-*.log")), env);
        var port = 0;
        await Eventually.Until(() =>
        {
            p.HasExited.Should().BeFalse(p.Stderr);
            port = CredWatchProcess.BoundPort(p.Output);
            return port != 0;
        });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        await Eventually.UntilAsync(async () =>
        {
            p.HasExited.Should().BeFalse(p.Stderr);
            try
            {
                return (await client.GetAsync("healthz")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), "the daemon serves /healthz without credentials");

        (await client.GetAsync("metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync("api/status")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password)));
        async Task<string> Get(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = auth } };
            using var response = await client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            return await response.Content.ReadAsStringAsync();
        }

        await Eventually.UntilAsync(async () => (await Get("api/status")).Contains(log, StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the --log-path file is followed");
        await File.AppendAllTextAsync(log, SignalLines.OAuthRefreshFailed("anthropic", DateTimeOffset.UtcNow));
        var metrics = string.Empty;
        await Eventually.UntilAsync(async () => Scrape.Value(metrics = await Get("metrics"), "credwatch_log_signals_total",
            ("signal", "oauth_refresh_failed"), ("provider", "anthropic")) == 1, TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync(async () => Scrape.Value(metrics = await Get("metrics"), "credwatch_task_results_undelivered",
            ("runtime", "subagent"), ("reason", "delivery_failed")) == 1, TimeSpan.FromSeconds(60));
        Scrape.Value(metrics, "credwatch_http_auth_failures_total", ("reason", "missing")).Should().BeGreaterThanOrEqualTo(2);
        var status = await Get("api/status");
        await Eventually.Until(() => p.Stderr.Contains("Task ledger found at", StringComparison.Ordinal) && p.Stderr.Contains("following 1 file(s)", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the start-up summary names the followed log and the ledger");

        FixtureSecrets.AssertNoSecret(metrics + status + p.Stdout + p.Stderr, "credwatch run outputs", [Password, hash, auth.Parameter!, LedgerDb.SecretResult, LedgerDb.SecretTaskTail]);
    }
}
