using System.Text.Json;
using CredWatch.Exporter.Tasks;
using CredWatch.TestSupport;
using CredWatch.TestSupport.OpenClaw;
using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Tests.Tasks;

/// <summary>
/// Against the real OpenClaw 2026.9.6: a state database made by its own doctor, tasks inserted, and
/// CredWatch's counts for the codes both know equal <c>openclaw tasks audit --json</c>'s byCode, while
/// CredWatch also reports the parent_missing and blocked results the audit leaves out.
/// </summary>
public sealed class RealOpenClawLedgerTests
{
    [RealOpenClawFact]
    public async Task CountsMatchOpenClawsOwnAudit_AndCredWatchAlsoSeesParentMissingAndBlocked()
    {
        using var home = OpenClawHome.Create("ledger");
        try
        {
            var doctor = await OpenClawRunner.DoctorFixAsync(home);
            doctor.ExitCode.Should().Be(0, doctor.StdErr);
            var dbPath = home.StateDatabasePath;
            File.Exists(dbPath).Should().BeTrue();

            // The captured DDL is what the real doctor created.
            using (var c = new SqliteConnection("Data Source=" + dbPath + ";Mode=ReadOnly;Pooling=False"))
            {
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'task_runs'";
                var ddl = (string)cmd.ExecuteScalar()!;
                File.ReadAllText(LedgerDb.SchemaPath).Should().Contain(ddl);
            }

            var now = DateTimeOffset.UtcNow;
            long Ago(TimeSpan t) => (now - t).ToUnixTimeMilliseconds();
            using (var c = new SqliteConnection("Data Source=" + dbPath + ";Pooling=False"))
            {
                c.Open();
                LedgerDb.Exec(c, "PRAGMA busy_timeout=5000");
                var created = Ago(TimeSpan.FromHours(3));
                var ended = Ago(TimeSpan.FromHours(2));
                foreach (var t in new[]
                {
                    new TaskRow { Id = "oc-ok-1", CreatedAt = created, EndedAt = ended },
                    new TaskRow { Id = "oc-ok-2", CreatedAt = created, EndedAt = ended, DeliveryStatus = "dismissed" },
                    new TaskRow { Id = "oc-failed-1", CreatedAt = created, EndedAt = ended, DeliveryStatus = "failed", Error = "delivery path none did not complete", TerminalOutcome = "blocked" },
                    new TaskRow { Id = "oc-failed-2", CreatedAt = created, EndedAt = ended, DeliveryStatus = "failed", Runtime = "cron", Error = "telegram send failed: 403", Label = "deploy with " + PastedKeys.Anthropic },
                    new TaskRow { Id = "oc-lost-1", CreatedAt = created, EndedAt = ended, Status = "lost", DeliveryStatus = "pending", Error = "backing session missing", Task = "Open the PR with " + PastedKeys.GitHub },
                    new TaskRow { Id = "oc-lost-2", CreatedAt = created, EndedAt = ended, Status = "lost", DeliveryStatus = "not_applicable", Runtime = "cli" },
                    new TaskRow { Id = "oc-lost-3", CreatedAt = created, EndedAt = ended, Status = "lost", DeliveryStatus = "session_queued", Runtime = "acp" },
                    new TaskRow { Id = "oc-stale", CreatedAt = created, Status = "running", DeliveryStatus = "pending", LastEventAt = Ago(TimeSpan.FromHours(1)) },
                    new TaskRow { Id = "oc-parent-missing", CreatedAt = created, EndedAt = ended, DeliveryStatus = "parent_missing", TerminalOutcome = "succeeded" },
                    new TaskRow { Id = "oc-blocked", CreatedAt = created, EndedAt = Ago(TimeSpan.FromMinutes(3)), DeliveryStatus = "pending" },
                })
                {
                    LedgerDb.Upsert(c, t);
                }

                LedgerDb.Exec(c, "INSERT INTO subagent_runs(run_id, child_session_key, requester_session_key, created_at, payload_json) VALUES (@r, @c, @q, @t, @p)",
                    ("@r", "run-oc-blocked"), ("@c", "agent:main:subagent:oc-blocked"), ("@q", "agent:main:telegram:group:-1001234567890:topic:42"), ("@t", created),
                    ("@p", "{\"runId\":\"run-oc-blocked\",\"delivery\":{\"status\":\"suspended\",\"suspendedReason\":\"permanent_failure\",\"lastError\":\"No API key found for provider \\\"anthropic\\\"\",\"attemptCount\":4}}"));
            }

            var audit = await OpenClawRunner.RunAsync(home, ["tasks", "audit", "--json"]);
            audit.ExitCode.Should().Be(0, audit.StdErr);
            using var doc = JsonDocument.Parse(audit.StdOut[audit.StdOut.IndexOf('{', StringComparison.Ordinal)..]);
            var byCode = doc.RootElement.GetProperty("summary").GetProperty("byCode");
            var auditedIds = doc.RootElement.GetProperty("findings").EnumerateArray()
                .Select(f => f.GetProperty("task").GetProperty("taskId").GetString()).ToHashSet();

            var report = TaskReports.Scan(dbPath, new TaskLedgerOptions(), TimeProvider.System);

            report.Up.Should().BeTrue(report.Detail);
            int Count(string reason) => report.Results.Count(r => r.Reason == reason);
            Count("delivery_failed").Should().Be(byCode.GetProperty("delivery_failed").GetInt32()).And.Be(2);
            Count("lost").Should().Be(byCode.GetProperty("lost").GetInt32()).And.Be(3);
            Count("stale_running").Should().Be(byCode.GetProperty("stale_running").GetInt32()).And.Be(1);
            report.Results.Should().Contain(r => r.TaskId == "oc-parent-missing" && r.Reason == "parent_missing");
            report.Results.Should().Contain(r => r.TaskId == "oc-blocked" && r.Reason == "blocked" && r.SuspendedReason == "permanent_failure");
            auditedIds.Should().NotContain(["oc-parent-missing", "oc-blocked"], "the audit leaves these out");

            // OpenClaw still reads its database after CredWatch did (nothing locked, nothing changed).
            var list = await OpenClawRunner.RunAsync(home, ["tasks", "list", "--json"]);
            list.ExitCode.Should().Be(0, list.StdErr);
            list.StdOut.Should().Contain("oc-blocked");
            var output = new StringWriter();
            TaskReports.WriteScan(report, json: true, output);
            TaskReports.WriteScan(report, json: false, output);
            output.ToString().Should().NotContain(LedgerDb.SecretResult).And.NotContain(LedgerDb.SecretTaskTail);
            FixtureSecrets.AssertNoSecret(output.ToString(), "scan --tasks");
            output.ToString().Should().Contain("deploy with [redacted]").And.Contain("Open the PR with [redacted]");
            PastedKeys.AssertNone(output.ToString(), "scan --tasks");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
