using CredWatch.Exporter.Tasks;
using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Tests.Tasks;

/// <summary>
/// The incremental reader against a fresh full pass, step by step, over random gateway-style writes
/// (inserts, status transitions, delivery changes with and without an event, run record changes,
/// prunes, rowid reuse): the incremental view must equal the full one after every step.
/// </summary>
public sealed class TaskLedgerIncrementalTests
{
    private static readonly string[] Runtimes = ["subagent", "subagent", "cron", "acp", "cli"];
    private static readonly string[] Terminal = ["succeeded", "failed", "timed_out", "cancelled"];
    private static readonly string[] Settled = ["delivered", "dismissed", "not_applicable"];
    private static readonly string[] Unsettled = ["pending", "session_queued", "failed", "parent_missing"];
    private static readonly string[] RunDeliveries =
    [
        "{\"status\":\"pending\"}",
        "{\"status\":\"in_progress\",\"attemptCount\":2,\"lastError\":\"refresh failed\",\"deadlineAt\":1800000}",
        "{\"status\":\"suspended\",\"suspendedReason\":\"expiry\",\"lastError\":\"delivery path none did not complete\"}",
        "{\"status\":\"delivered\",\"attemptCount\":1}",
    ];

    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(47)]
    public void IncrementalView_EqualsAFreshFullPass_AfterEveryStepOfRandomChanges(int seed)
    {
        using var db = new LedgerDb();
        var rnd = new Random(seed);
        var clock = 1_000_000L;
        var next = 0;
        using var w = db.Open();
        for (; next < 300; next++)
        {
            Insert(w, rnd, "t" + next, ++clock);
        }

        using var reader = new TaskLedgerReader(db.Path_, TimeSpan.FromSeconds(2));
        reader.Read(full: true).Reason.Should().BeNull();
        for (var step = 0; step < 40; step++)
        {
            using (var tx = w.BeginTransaction())
            {
                var changes = rnd.Next(1, 16);
                for (var k = 0; k < changes; k++)
                {
                    clock += rnd.Next(0, 2); // several changes may share a millisecond
                    Change(w, tx, rnd, ref next, clock);
                }

                tx.Commit();
            }

            var (inc, full) = IncrementalMatchesAFreshFullPass(reader, db, step);
            inc.Full.Should().BeFalse("step {0} must stay incremental", step);
            Classified(inc, clock).Should().BeEquivalentTo(Classified(full, clock), "step {0}", step);
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(31)]
    public void SweptRows_LeaveTheCounts_AndTheViewEqualsAFreshFullPass(int seed)
    {
        using var db = new LedgerDb();
        var rnd = new Random(seed);
        var clock = 1_000_000L;
        var next = 0;
        using var w = db.Open();
        for (; next < 300; next++)
        {
            Insert(w, rnd, "t" + next, ++clock);
        }

        using var reader = new TaskLedgerReader(db.Path_, TimeSpan.FromSeconds(2));
        var total = reader.Read(full: true).TotalTasks;
        var swept = 0;
        for (var step = 0; step < 25; step++)
        {
            using (var tx = w.BeginTransaction())
            {
                // What a gateway does between two polls: a sweep (of rows whose cleanup_after CredWatch has
                // seen: OpenClaw sets it days ahead), new tasks, events, rescheduled cleanups.
                if (step % 2 == 0)
                {
                    var n = rnd.Next(1, 6);
                    Sweep(w, tx, n);
                    swept += n;
                }

                for (var k = rnd.Next(1, 8); k > 0; k--)
                {
                    clock++;
                    if (rnd.Next(3) == 0)
                    {
                        Insert(w, rnd, "t" + next++, clock, tx);
                        total++;
                    }
                    else if (Pick(w, tx, rnd, "1=1") is { } victim)
                    {
                        Exec(w, tx, "UPDATE task_runs SET cleanup_after = @cu, last_event_at = @at WHERE rowid = @r",
                            ("@cu", clock + rnd.Next(-400_000, 5000)), ("@at", clock), ("@r", victim));
                    }
                }

                tx.Commit();
            }

            var (inc, _) = IncrementalMatchesAFreshFullPass(reader, db, step);
            inc.TotalTasks.Should().Be(total - swept, "step {0}: every swept row has left the counts", step);
        }

        swept.Should().BeGreaterThan(0);
    }

    [Fact]
    public void ARowDeletedOutsideTheSweepOrder_LeavesTheCounts_AndLaterSweepsStillAgree()
    {
        using var db = new LedgerDb();
        var rnd = new Random(3);
        using var w = db.Open();
        for (var i = 0; i < 200; i++)
        {
            Insert(w, rnd, "t" + i, 1_000 + i);
        }

        using var reader = new TaskLedgerReader(db.Path_, TimeSpan.FromSeconds(2));
        reader.Read(full: true).Reason.Should().BeNull();

        // The newest-cleanup settled row: not among the earliest candidates.
        Exec(w, null, "DELETE FROM task_runs WHERE rowid = (SELECT rowid FROM task_runs WHERE status NOT IN ('queued','running','lost') AND delivery_status IN ('delivered','dismissed','not_applicable') ORDER BY cleanup_after DESC LIMIT 1)");
        var first = reader.Read(full: false);
        using (var tx = w.BeginTransaction())
        {
            Sweep(w, tx, 3);
            tx.Commit();
        }

        var second = reader.Read(full: false);
        using var fresh = new TaskLedgerReader(db.Path_, TimeSpan.FromSeconds(2));
        var full = fresh.Read(full: true);
        first.TotalTasks.Should().Be(199);
        second.TotalTasks.Should().Be(full.TotalTasks).And.Be(196);
        second.TaskCounts.Should().BeEquivalentTo(full.TaskCounts);
        View(second).Should().BeEquivalentTo(View(full));
    }

    /// <summary>An incremental pass of <paramref name="reader"/> and a full pass of a fresh reader: same counts, same tracked view.</summary>
    private static (LedgerReadResult Incremental, LedgerReadResult Full) IncrementalMatchesAFreshFullPass(TaskLedgerReader reader, LedgerDb db, int step)
    {
        var inc = reader.Read(full: false);
        using var fresh = new TaskLedgerReader(db.Path_, TimeSpan.FromSeconds(2));
        var full = fresh.Read(full: true);
        inc.Reason.Should().BeNull("step {0}", step);
        full.Reason.Should().BeNull("step {0}", step);
        inc.TotalTasks.Should().Be(full.TotalTasks, "step {0}", step);
        inc.TaskCounts.Should().BeEquivalentTo(full.TaskCounts, "step {0}", step);
        View(inc).Should().BeEquivalentTo(View(full), "step {0}", step);
        return (inc, full);
    }

    private static Dictionary<string, LedgerTask> View(LedgerReadResult r) => r.Tracked.ToDictionary(
        t => t.TaskId,
        t => t.Runtime == "subagent" && t.DeliveryStatus is "pending" or "session_queued" && t.Status is not ("queued" or "running") ? t : t with { Delivery = null },
        StringComparer.Ordinal);

    private static Dictionary<string, string?> Classified(LedgerReadResult r, long nowMs) => r.Tracked.ToDictionary(
        t => t.TaskId,
        t => TaskClassifier.Classify(t, nowMs, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500))?.ToLabel(),
        StringComparer.Ordinal);

    private static void Insert(SqliteConnection w, Random rnd, string id, long at, SqliteTransaction? tx = null)
    {
        var runtime = Runtimes[rnd.Next(Runtimes.Length)];
        var roll = rnd.Next(10);
        var (status, delivery) = roll switch
        {
            0 => ("running", "pending"),
            1 => ("queued", "pending"),
            2 => (Terminal[rnd.Next(Terminal.Length)], Unsettled[rnd.Next(Unsettled.Length)]),
            3 => ("lost", "pending"),
            _ => (Terminal[rnd.Next(Terminal.Length)], Settled[rnd.Next(Settled.Length)]),
        };
        Exec(w, tx, """
            INSERT INTO task_runs(task_id, runtime, requester_session_key, owner_key, scope_kind, child_session_key, agent_id, run_id,
              label, task, status, delivery_status, notify_policy, created_at, started_at, ended_at, last_event_at, cleanup_after)
            VALUES (@id, @rt, 'agent:main:telegram:group:-100123:topic:7', 'o', 'session', @csk, 'main', @run, @id, 'work', @st, @ds,
              @np, @at, @at, @end, @at, @cu)
            """,
            ("@id", id), ("@rt", runtime), ("@csk", "agent:main:subagent:" + id), ("@run", "run-" + id), ("@st", status), ("@ds", delivery),
            ("@np", rnd.Next(8) == 0 ? "silent" : "done_only"), ("@at", at), ("@end", status is "running" or "queued" ? null : at), ("@cu", at + 1000));
        if (runtime == "subagent")
        {
            Exec(w, tx, "INSERT OR REPLACE INTO subagent_runs(run_id, child_session_key, requester_session_key, created_at, payload_json) VALUES (@r, @c, 'q', @t, @p)",
                ("@r", "run-" + id), ("@c", "agent:main:subagent:" + id), ("@t", at), ("@p", "{\"delivery\":" + RunDeliveries[rnd.Next(RunDeliveries.Length)] + "}"));
        }
    }

    private static void Change(SqliteConnection w, SqliteTransaction tx, Random rnd, ref int next, long at)
    {
        var victim = Pick(w, tx, rnd, "1=1");
        switch (rnd.Next(11))
        {
            case 0:
                Insert(w, rnd, "t" + next++, at, tx);
                break;
            case 1 when victim is not null:
                // A status transition with its event (OpenClaw bumps last_event_at on lifecycle changes).
                Exec(w, tx, "UPDATE task_runs SET status = @s, ended_at = @at, last_event_at = @at WHERE rowid = @r",
                    ("@s", rnd.Next(5) == 0 ? "lost" : Terminal[rnd.Next(Terminal.Length)]), ("@at", at), ("@r", victim));
                break;
            case 2 when victim is not null:
                // A delivery outcome with its event, settled or not.
                Exec(w, tx, "UPDATE task_runs SET delivery_status = @d, last_event_at = @at WHERE rowid = @r",
                    ("@d", rnd.Next(2) == 0 ? Settled[rnd.Next(Settled.Length)] : Unsettled[rnd.Next(Unsettled.Length)]), ("@at", at), ("@r", victim));
                break;
            case 3 when Pick(w, tx, rnd, "status IN ('queued','running','lost') OR delivery_status NOT IN ('delivered','dismissed','not_applicable')") is { } tracked:
                // A tracked row settled or moved WITHOUT an event (OpenClaw does this on some delivery paths).
                Exec(w, tx, "UPDATE task_runs SET delivery_status = @d WHERE rowid = @r",
                    ("@d", rnd.Next(2) == 0 ? Settled[rnd.Next(Settled.Length)] : Unsettled[rnd.Next(Unsettled.Length)]), ("@r", tracked));
                break;
            case 4 when Pick(w, tx, rnd, "status NOT IN ('queued','running','lost') AND delivery_status IN ('delivered','dismissed','not_applicable')") is { } settled:
                // A settled row's terminal status rewritten WITHOUT an event: only the counts can tell.
                Exec(w, tx, "UPDATE task_runs SET status = @s WHERE rowid = @r", ("@s", Terminal[rnd.Next(Terminal.Length)]), ("@r", settled));
                break;
            case 5 when victim is not null:
                Exec(w, tx, "DELETE FROM task_runs WHERE rowid = @r", ("@r", victim));
                break;
            case 6:
                // The top row pruned and a new task inserted: SQLite hands the new task the same rowid.
                Exec(w, tx, "DELETE FROM task_runs WHERE rowid = (SELECT max(rowid) FROM task_runs)");
                Insert(w, rnd, "t" + next++, at, tx);
                break;
            case 7:
                // A run record changes while task_runs does not (announce retries, suspension).
                Exec(w, tx, "UPDATE subagent_runs SET payload_json = @p WHERE rowid = @r",
                    ("@p", "{\"delivery\":" + RunDeliveries[rnd.Next(RunDeliveries.Length)] + "}"), ("@r", Pick(w, tx, rnd, "1=1", "subagent_runs")));
                break;
            case 8:
                Sweep(w, tx, rnd.Next(1, 4));
                break;
            case 9 when victim is not null:
                // cleanup_after moved (earlier or later) with an event: the row's place among prune candidates changes.
                Exec(w, tx, "UPDATE task_runs SET cleanup_after = @cu, last_event_at = @at WHERE rowid = @r",
                    ("@cu", at + rnd.Next(-5000, 5000)), ("@at", at), ("@r", victim));
                break;
            default:
                if (victim is not null)
                {
                    // A progress event on any row.
                    Exec(w, tx, "UPDATE task_runs SET last_event_at = @at, tool_use_count = coalesce(tool_use_count, 0) + 1 WHERE rowid = @r", ("@at", at), ("@r", victim));
                }

                break;
        }
    }

    /// <summary>OpenClaw's sweep: the rows with the earliest cleanup_after deleted one at a time by task id, with their delivery state.</summary>
    private static void Sweep(SqliteConnection w, SqliteTransaction tx, int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            using var cmd = w.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT task_id FROM task_runs WHERE cleanup_after IS NOT NULL ORDER BY cleanup_after, rowid LIMIT 1";
            if (cmd.ExecuteScalar() is not string id)
            {
                return;
            }

            Exec(w, tx, "DELETE FROM task_delivery_state WHERE task_id = @id", ("@id", id));
            Exec(w, tx, "DELETE FROM task_runs WHERE task_id = @id", ("@id", id));
        }
    }

    private static long? Pick(SqliteConnection w, SqliteTransaction tx, Random rnd, string where, string table = "task_runs")
    {
        using var cmd = w.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT count(*) FROM " + table + " WHERE " + where;
        var n = Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (n == 0)
        {
            return null;
        }

        cmd.CommandText = "SELECT rowid FROM " + table + " WHERE " + where + " ORDER BY rowid LIMIT 1 OFFSET @o";
        cmd.Parameters.AddWithValue("@o", rnd.Next(n));
        return (long)cmd.ExecuteScalar()!;
    }

    private static void Exec(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (n, v) in args)
        {
            cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
        }

        cmd.ExecuteNonQuery();
    }
}
