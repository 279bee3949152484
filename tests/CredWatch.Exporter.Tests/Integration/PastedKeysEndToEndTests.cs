using CredWatch.Exporter.Tests.AlertMapping;
using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.Tests.Tasks;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Integration;

/// <summary>
/// Keys pasted into OpenClaw task labels and prompts, through the real built <c>credwatch</c>: the daemon's log,
/// /metrics, /api/status and Telegram messages, and <c>scan --tasks</c> / <c>check</c> output name the tasks but
/// show none of the keys.
/// </summary>
public sealed class PastedKeysEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Keys_in_task_labels_and_prompts_reach_no_output()
    {
        await using var env = await AlertingHome.CreateAsync();
        using var db = new LedgerDb();
        var now = DateTimeOffset.UtcNow;
        var ids = new List<string>();
        for (var i = 0; i < PastedKeys.All.Count; i++)
        {
            var key = PastedKeys.All[i];
            var id = "t-pasted-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ids.Add(id);
            db.Upsert(new TaskRow
            {
                Id = id, CreatedAt = LedgerDb.Ms(now.AddHours(-1)), EndedAt = LedgerDb.Ms(now.AddMinutes(-30)), DeliveryStatus = "failed",
                Error = "provider said 401 for " + key, TerminalOutcome = "blocked",

                // Even rows: the key is in the label; odd rows: no label, so the label falls back to the prompt.
                Label = i % 2 == 0 ? "deploy with " + key : null,
                Task = i % 2 == 0 ? null : "Open the PR using " + key + " and report back",
                RequesterSessionKey = "agent:main:telegram:group:-1001234567890:topic:42",
            });
        }

        var daemonEnv = env.DaemonEnvironment(db.Path_);
        await using (var daemon = await CredWatchProcess.StartDaemonAsync(env.Home.Home, env.Home.StateDir, daemonEnv))
        {
            await Eventually.Until(
                () => ids.All(id => env.Server.DeliveredMessages.Any(m => m.Text!.Contains(id, StringComparison.Ordinal))),
                Deadline, "every task was alerted");
            var status = await daemon.Client.GetStringAsync("api/status");
            status.Should().Contain("t-pasted-0").And.Contain("deploy with [redacted]").And.Contain("Open the PR using [redacted] and report back");
            var metrics = await daemon.ScrapeAsync();
            metrics.Should().Contain("credwatch_task_results_undelivered");
            await Eventually.Until(() => daemon.Output.Contains("t-pasted-8", StringComparison.Ordinal), Deadline, "each undelivered result is logged");

            PastedKeys.AssertNone(status, "/api/status");
            PastedKeys.AssertNone(metrics, "/metrics");
            PastedKeys.AssertNone(daemon.Output, "the daemon's log");
        }

        var messages = string.Join("\n", env.Server.Requests.Select(r => r.Text));
        messages.Should().Contain("[redacted]");
        PastedKeys.AssertNone(messages, "Telegram messages");
        env.AssertOnlySent();

        foreach (var args in new[] { new[] { "scan", "--tasks", db.Path_ }, ["scan", "--tasks", db.Path_, "--json"] })
        {
            var (code, stdout, stderr) = await CredWatchProcess.RunAsync(args);
            code.Should().Be(1, stdout + stderr);
            stdout.Should().Contain("t-pasted-1").And.Contain("[redacted]");
            PastedKeys.AssertNone(stdout + stderr, string.Join(' ', args.Skip(2)));
        }

        var check = await CredWatchProcess.RunAsync(["check", "--home", env.Home.Home, "--state-dir", env.Home.StateDir], new Dictionary<string, string> { ["CREDWATCH_TASKS__STATEDATABASE"] = db.Path_ });
        check.Out.Should().Contain("t-pasted-");
        PastedKeys.AssertNone(check.Out + check.Err, "check");
    }
}
