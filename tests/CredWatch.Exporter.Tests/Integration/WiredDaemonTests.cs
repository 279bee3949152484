using System.Text.Json;
using CredWatch.Exporter.Tasks;
using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.Tests.Tasks;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Integration;

/// <summary>The wired daemon in-process (real Kestrel on 127.0.0.1:0, real files, real SQLite ledger).</summary>
[Collection(CredWatch.Exporter.Tests.Support.InProcessDaemons.Name)]
public sealed class WiredDaemonTests : IDisposable
{
    private readonly TempHome _home = new();
    private readonly string _logs;

    public WiredDaemonTests()
    {
        _logs = Path.Combine(_home.Root, "logs");
        Directory.CreateDirectory(_logs);
    }

    public void Dispose() => _home.Dispose();

    private Dictionary<string, string?> Config(string? ledger = null) => new()
    {
        ["CredWatch:LogTail:Paths:0"] = Path.Combine(_logs, "openclaw-*.log"),
        ["CredWatch:LogTail:PollInterval"] = "00:00:00.200",
        ["CredWatch:Tasks:PollInterval"] = "00:00:00.200",
        ["CredWatch:Tasks:StateDatabase"] = ledger ?? Path.Combine(_home.Root, "no-ledger", "openclaw.sqlite"),
    };

    private static async Task<JsonElement> Status(DaemonHarness d)
    {
        using var doc = JsonDocument.Parse(await d.Client.GetStringAsync("api/status"));
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task Appended_refresh_failure_line_is_counted_on_metrics_and_listed_in_status()
    {
        var log = Path.Combine(_logs, "openclaw-2026-11-25.log");
        await File.WriteAllTextAsync(log, SignalLines.Noise(DateTimeOffset.UtcNow));
        await using var d = await DaemonHarness.StartAsync(_home, Config());
        const string Name = "credwatch_log_signals_total";
        var labels = new[] { ("signal", "oauth_refresh_failed"), ("provider", "anthropic") };

        await Eventually.UntilAsync(async () => (await Status(d)).GetProperty("logs").GetProperty("followedFiles").EnumerateArray().Any(f => f.GetString() == log),
            TimeSpan.FromSeconds(60), "the gateway log is followed");
        Scrape.Value(await d.Client.GetStringAsync("metrics"), Name, labels).Should().Be(0, "every signal/provider pair exists from 0");

        await File.AppendAllTextAsync(log, SignalLines.OAuthRefreshFailed("anthropic", DateTimeOffset.UtcNow));

        string metrics = string.Empty;
        await Eventually.UntilAsync(async () => Scrape.Value(metrics = await d.Client.GetStringAsync("metrics"), Name, labels) == 1,
            TimeSpan.FromSeconds(60), "the appended line is counted once");
        var status = await Status(d);
        var recent = status.GetProperty("logs").GetProperty("recentSignals");
        recent.EnumerateArray().Should().ContainSingle(s => s.GetProperty("signal").GetString() == "oauth_refresh_failed" && s.GetProperty("provider").GetString() == "anthropic");
        await Eventually.Until(() => d.Logs.Text.Contains("following 1 file(s)", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the start-up summary names the followed file");
        FixtureSecrets.AssertNoSecret(metrics + status.GetRawText() + d.Logs.Text, "wired daemon outputs");
    }

    [Fact]
    public async Task Logging_file_from_openclaw_json5_is_followed_too()
    {
        var custom = Path.Combine(_home.Root, "custom-gateway.log");
        await File.WriteAllTextAsync(custom, SignalLines.Noise(DateTimeOffset.UtcNow));
        _home.Write(".openclaw/openclaw.json", $$"""
            // JSON5, as OpenClaw writes and reads it
            {
              meta: { lastTouchedVersion: "2026.9.6" },
              logging: { level: "info", file: "{{custom}}", },
            }
            """);
        await using var d = await DaemonHarness.StartAsync(_home, Config());

        await Eventually.UntilAsync(async () => (await Status(d)).GetProperty("logs").GetProperty("followedFiles").EnumerateArray().Any(f => f.GetString() == custom),
            TimeSpan.FromSeconds(60), "logging.file is followed");
        await File.AppendAllTextAsync(custom, SignalLines.OAuthRefreshFailed("openai-codex", DateTimeOffset.UtcNow));
        await Eventually.UntilAsync(async () => Scrape.Value(await d.Client.GetStringAsync("metrics"), "credwatch_log_signals_total",
            ("signal", "oauth_refresh_failed"), ("provider", "openai-codex")) == 1, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Undelivered_result_shows_in_status_and_metrics_with_the_requesters_broken_login_and_is_handed_to_the_alert_book_once()
    {
        using var db = new LedgerDb();
        WiredLedger.AddDeliveryFailed(db, "task-wired-1", requesterAgent: "hr-bp");
        await using var d = await DaemonHarness.StartAsync(_home, Config(db.Path_));

        JsonElement tasks = default;
        await Eventually.UntilAsync(async () => (tasks = (await Status(d)).GetProperty("tasks")).GetProperty("undelivered").GetInt32() == 1,
            TimeSpan.FromSeconds(60), "the ledger pass reports the undelivered result");
        tasks.GetProperty("up").GetBoolean().Should().BeTrue();
        var result = tasks.GetProperty("results")[0];
        result.GetProperty("taskId").GetString().Should().Be("task-wired-1");
        result.GetProperty("reason").GetString().Should().Be("delivery_failed");
        result.GetProperty("loginState").GetString().Should().Be("stale", "hr-bp's anthropic copy is stale in the fixture home");
        result.GetProperty("cause").GetString().Should().Be("auth", "the broken login is the real cause, not the delivery path");
        result.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("command").GetString())
            .Should().Contain(c => c!.StartsWith("openclaw models auth login --provider anthropic --profile-id 'anthropic:claude-cli'", StringComparison.Ordinal));

        var metrics = await d.Client.GetStringAsync("metrics");
        Scrape.Value(metrics, "credwatch_store_up", ("store", "openclaw-tasks")).Should().Be(1);
        Scrape.Value(metrics, "credwatch_task_results_undelivered", ("runtime", "subagent"), ("reason", "delivery_failed")).Should().Be(1);
        Scrape.Series(metrics).Count(s => s.Name == "credwatch_store_up" && s.Labels.GetValueOrDefault("store") == "openclaw-tasks").Should().Be(1, "one series, no duplicate");

        // Alerts are wired: the result becomes a firing condition in the persistent alert book, which holds it and
        // repeats it to whatever target is configured (none here), so the ledger records it as alerted and never re-publishes it.
        var counted = new CountedTaskStore(_home.StateDir);
        await Eventually.Until(() =>
        {
            counted.Load();
            return counted.Get("task-wired-1") is { AlertedAt: not null };
        }, TimeSpan.FromSeconds(60), "the result handed to the alert book is recorded as alerted");
        var outbox = File.ReadAllText(Path.Combine(_home.StateDir, "alerts", "outbox.json"));
        FiringSources(outbox).Should().Contain("task/task-wired-1", "the alert book holds the undelivered result as a firing condition");
        await Eventually.Until(() => d.Logs.Text.Contains("Task ledger found at " + db.Path_, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        FixtureSecrets.AssertNoSecret(metrics + tasks.GetRawText() + d.Logs.Text + outbox, "wired daemon outputs", [LedgerDb.SecretResult, LedgerDb.SecretTaskTail]);
    }

    private static List<string?> FiringSources(string outboxJson)
    {
        using var doc = JsonDocument.Parse(outboxJson);
        var firing = doc.RootElement.EnumerateObject().Single(p => p.Name.Equals("firing", StringComparison.OrdinalIgnoreCase)).Value;
        return [.. firing.EnumerateObject().Select(e => e.Value.EnumerateObject()
            .Single(p => p.Name.Equals("source", StringComparison.OrdinalIgnoreCase)).Value.GetString())];
    }

    [Fact]
    public async Task Configured_ledger_that_is_missing_is_store_down_with_a_reason_not_a_crash()
    {
        await using var d = await DaemonHarness.StartAsync(_home, Config());

        string metrics = string.Empty;
        await Eventually.UntilAsync(async () => Scrape.Value(metrics = await d.Client.GetStringAsync("metrics"), "credwatch_store_up", ("store", "openclaw-tasks")) == 0,
            TimeSpan.FromSeconds(60));
        Scrape.Value(metrics, "credwatch_store_errors_total", ("store", "openclaw-tasks"), ("reason", "not_found")).Should().BeGreaterThanOrEqualTo(1);
        Scrape.Value(metrics, "credwatch_store_errors_total", ("store", "openclaw-tasks"), ("reason", "busy")).Should().Be(0);
        (await Status(d)).GetProperty("tasks").GetProperty("reason").GetString().Should().Be("not_found");
        (await Status(d)).GetProperty("tasks").GetProperty("absent").GetBoolean().Should().BeFalse("CredWatch:Tasks:StateDatabase names it, so missing is an error");
        await Eventually.Until(() => d.Logs.Text.Contains("Task ledger not found", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }
}
