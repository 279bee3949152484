using System.Security.Cryptography;
using CredWatch.Exporter.Tasks;
using CredWatch.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Tasks;

public sealed class TaskLedgerReaderTests
{
    [Fact]
    public void MissingDatabase_IsNotFound_NeverAnError()
    {
        var path = Path.Combine(Path.GetTempPath(), "cw-none-" + Guid.NewGuid().ToString("N"), "openclaw.sqlite");
        using var reader = new TaskLedgerReader(path, TimeSpan.FromMilliseconds(100));

        var r = reader.Read(full: true);

        r.Reason.Should().Be("not_found");
        File.Exists(path).Should().BeFalse("a reader never creates the database");
    }

    [Fact]
    public void DatabaseWithoutTaskRuns_IsNotApplicable()
    {
        using var db = new LedgerDb(createSchema: false);
        db.Exec("CREATE TABLE config_machine_state(state_key TEXT PRIMARY KEY, value_json TEXT NOT NULL, updated_at_ms INTEGER NOT NULL)");
        using var reader = new TaskLedgerReader(db.Path_, TimeSpan.FromMilliseconds(100));

        var r = reader.Read(full: true);

        r.Reason.Should().Be("not_applicable", "a release without task tables has no ledger; it is not an unreadable one");
        r.Detail.Should().Contain("task_runs");
    }

    [Fact]
    public void TaskRunsWithoutRequiredColumn_IsUnsupportedLayout()
    {
        using var db = new LedgerDb(createSchema: false);
        db.Exec("CREATE TABLE task_runs(task_id TEXT PRIMARY KEY, runtime TEXT, status TEXT)");
        using var reader = new TaskLedgerReader(db.Path_, TimeSpan.FromMilliseconds(100));

        reader.Read(full: true).Reason.Should().Be("unsupported_layout");
    }

    [Fact]
    public void NotASqliteFile_IsCorruptDb()
    {
        using var db = new LedgerDb(createSchema: false);
        SqliteConnection.ClearAllPools();
        File.Delete(db.Path_);
        File.WriteAllText(db.Path_, "this is not a database, just text that is long enough to have a header........");
        using var reader = new TaskLedgerReader(db.Path_, TimeSpan.FromMilliseconds(100));

        reader.Read(full: true).Reason.Should().Be("corrupt_db");
    }

    [Fact]
    public async Task UnknownColumnsTablesAndFields_AreIgnored_AndOptionalTablesMayBeMissing()
    {
        using var db = new LedgerDb();
        var expected = LedgerScenario.Seed(db);
        db.Exec("ALTER TABLE task_runs ADD COLUMN future_column TEXT DEFAULT 'x'");
        db.Exec("CREATE TABLE future_table(a)");
        db.Exec("UPDATE subagent_runs SET payload_json = '{\"delivery\":{\"status\":\"suspe' WHERE run_id='run-t-blocked'");
        db.Exec("DROP TABLE delivery_queue_entries");
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now));

        var s = await h.Pass();

        s.Up.Should().BeTrue();
        expected["t-blocked"] = "stuck_pending"; // its run record is torn: only the task row speaks (ended 30 min ago)
        s.Results.ToDictionary(r => r.TaskId, r => (string?)r.ReasonLabel).Should().BeEquivalentTo(expected);

        db.Exec("DROP TABLE subagent_runs");
        var s2 = await h.Pass();
        s2.Up.Should().BeTrue();
        s2.Results.Should().NotContain(r => r.TaskId == "t-at-risk", "without its run record it is a pending result inside its grace");
    }

    [Fact]
    public async Task TableDroppedWhileWatching_KeepsLastResults_WithReason()
    {
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now));
        (await h.Pass()).Results.Should().HaveCount(7);

        db.Exec("DROP TABLE task_delivery_state");
        db.Exec("DROP TABLE task_runs");
        var s = await h.Pass();

        s.Up.Should().BeFalse();
        s.Reason.Should().Be("not_applicable");
        s.Absent.Should().BeFalse("a ledger that was read before and lost its tables is an error, not absent");
        h.Monitor.ErrorCounts["not_applicable"].Should().Be(1);
        s.Results.Should().HaveCount(7, "a vanished ledger is not a delivery");
        h.Sink.Resolved.Should().BeEmpty();
    }

    [Fact]
    public async Task WriterProcessHoldingBeginImmediate_DoesNotBlockReads_AndIsNotBlocked()
    {
        Assert.True(SqliteCliWriter.Available, "sqlite3 CLI is required (apt-get install sqlite3)");
        using var db = new LedgerDb();
        LedgerScenario.Seed(db);
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now));
        await h.Pass();

        using var writer = new SqliteCliWriter(db.Path_);
        writer.Send("BEGIN IMMEDIATE;");
        writer.Send("INSERT INTO task_runs(task_id,runtime,owner_key,scope_kind,task,status,delivery_status,notify_policy,created_at,ended_at,last_event_at) "
            + "VALUES('t-uncommitted','subagent','o','session','x','succeeded','parent_missing','done_only',1,1,1);");
        await Eventually.Until(() => WriteLockHeld(db.Path_), TimeSpan.FromSeconds(30), "sqlite3 holds the write lock");

        for (var i = 0; i < 3; i++)
        {
            var s = await h.Pass(full: i == 2);
            s.Up.Should().BeTrue("WAL readers are never blocked by a writer");
            s.Results.Should().NotContain(r => r.TaskId == "t-uncommitted");
        }

        writer.Send("COMMIT;");
        await Eventually.Until(() => !WriteLockHeld(db.Path_), TimeSpan.FromSeconds(30), "the writer commits while CredWatch keeps reading");
        (await h.Pass()).Results.Should().Contain(r => r.TaskId == "t-uncommitted");
        writer.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task ExclusiveLockInRollbackJournalMode_ReportsBusy_KeepsResults_Recovers()
    {
        Assert.True(SqliteCliWriter.Available, "sqlite3 CLI is required (apt-get install sqlite3)");
        using var db = new LedgerDb(wal: false);
        LedgerScenario.Seed(db);
        using var h = new MonitorHarness(db, new FakeTimeProvider(LedgerScenario.Now), options: new TaskLedgerOptions { BusyTimeout = TimeSpan.FromMilliseconds(50) });
        (await h.Pass()).Results.Should().HaveCount(7);

        using var writer = new SqliteCliWriter(db.Path_);
        writer.Send("BEGIN EXCLUSIVE;");
        writer.Send("UPDATE task_runs SET delivery_status='delivered';");
        await Eventually.Until(() => WriteLockHeld(db.Path_), TimeSpan.FromSeconds(30), "sqlite3 holds the exclusive lock");

        var busy = await h.Pass(full: true);

        busy.Up.Should().BeFalse();
        busy.Reason.Should().Be("busy");
        busy.Results.Should().HaveCount(7);
        writer.Send("COMMIT;");
        await Eventually.Until(() => !WriteLockHeld(db.Path_), TimeSpan.FromSeconds(30), "the writer commits");
        var after = await h.Pass();
        after.Up.Should().BeTrue();
        after.Results.Should().OnlyContain(r => r.Reason == UndeliveredReason.Lost || r.Reason == UndeliveredReason.StaleRunning);
        writer.Errors.Should().BeEmpty();
    }

    [Fact]
    public void ReaderNeverCheckpointsTruncatesOrRemovesTheWal()
    {
        using var db = new LedgerDb();
        using var gateway = db.Open();
        LedgerDb.Exec(gateway, "PRAGMA wal_autocheckpoint=0");
        LedgerScenario.Seed(db);
        LedgerDb.Exec(gateway, "UPDATE task_runs SET error='x' WHERE task_id='t-lost'");
        var wal = db.Path_ + "-wal";
        var before = SHA256.HashData(File.ReadAllBytes(wal));
        new FileInfo(wal).Length.Should().BeGreaterThan(0);

        using (var reader = new TaskLedgerReader(db.Path_, TimeSpan.FromMilliseconds(100)))
        {
            reader.Read(full: true).Reason.Should().BeNull();
            reader.Read(full: false).Reason.Should().BeNull();
            reader.Read(full: true).Reason.Should().BeNull();
        }

        File.Exists(wal).Should().BeTrue();
        SHA256.HashData(File.ReadAllBytes(wal)).Should().Equal(before);
    }

    [Fact]
    public void QueueFailures_AreCountedPerBoundedChannel()
    {
        using var db = new LedgerDb();
        foreach (var (id, status, channel) in new[] { ("a", "failed", "telegram"), ("b", "failed", "telegram"), ("c", "pending", "telegram"), ("d", "failed", "Weird Channel!"), ("e", "failed", null) })
        {
            db.Exec("INSERT INTO delivery_queue_entries(queue_name,id,status,channel,retry_count,last_error,entry_json,enqueued_at,updated_at) VALUES('outbound',@i,@s,@c,3,'boom','{}',1,1)",
                ("@i", id), ("@s", status), ("@c", channel));
        }

        using var reader = new TaskLedgerReader(db.Path_, TimeSpan.FromMilliseconds(100));
        var r = reader.Read(full: true);

        r.QueueFailed.Should().BeEquivalentTo(new Dictionary<string, int> { ["telegram"] = 2, ["other"] = 1, ["unknown"] = 1 });
    }

    [Fact]
    public void IncrementalPass_MatchesAFreshFullPass_AfterSilentSettles_Prunes_AndNewStatusValues()
    {
        using var db = new LedgerDb();
        for (var i = 0; i < 40; i++)
        {
            db.Upsert(new TaskRow
            {
                Id = "t" + i,
                Runtime = i % 2 == 0 ? "subagent" : "cron",
                DeliveryStatus = i % 10 == 0 ? "failed" : "delivered",
                CreatedAt = 1000 + i,
                EndedAt = 2000 + i,
                LastEventAt = 2000 + i,
            });
        }

        using var reader = new TaskLedgerReader(db.Path_, TimeSpan.FromMilliseconds(500));
        reader.Read(full: true).Tracked.Select(t => t.TaskId).Should().BeEquivalentTo(["t0", "t10", "t20", "t30"]);

        // None of these bump last_event_at: only the tracked-row re-check and the counts can see them.
        db.Exec("UPDATE task_runs SET delivery_status = 'delivered' WHERE task_id = 't10'");
        db.Exec("UPDATE task_runs SET delivery_status = 'parent_missing' WHERE task_id = 't20'");
        db.Exec("DELETE FROM task_runs WHERE task_id IN ('t30', 't5', 't7')");
        db.Exec("UPDATE task_runs SET status = 'timed_out' WHERE task_id = 't3'");
        db.Exec("UPDATE task_runs SET runtime = 'acp' WHERE task_id = 't4'");
        db.Upsert(new TaskRow { Id = "t99", Status = "running", DeliveryStatus = "pending", CreatedAt = 5000, LastEventAt = 5000 });

        var incremental = reader.Read(full: false);
        using var fresh = new TaskLedgerReader(db.Path_, TimeSpan.FromMilliseconds(500));
        var full = fresh.Read(full: true);

        incremental.Reason.Should().BeNull();
        incremental.Full.Should().BeFalse();
        incremental.Tracked.Select(t => (t.TaskId, t.DeliveryStatus)).Should().BeEquivalentTo([("t0", "failed"), ("t20", "parent_missing"), ("t99", "pending")]);
        incremental.Tracked.Select(t => (t.TaskId, t.Status, t.DeliveryStatus)).Should().BeEquivalentTo(full.Tracked.Select(t => (t.TaskId, t.Status, t.DeliveryStatus)));
        incremental.TotalTasks.Should().Be(38).And.Be(full.TotalTasks);
        incremental.TaskCounts.Should().BeEquivalentTo(full.TaskCounts);
        incremental.TaskCounts[("cron", "timed_out")].Should().Be(1);
        incremental.TaskCounts[("acp", "succeeded")].Should().Be(1);

        // And the next incremental pass (counts now from the known value pairs) still agrees after a prune.
        db.Exec("DELETE FROM task_runs WHERE task_id IN ('t9', 't11')");
        var next = reader.Read(full: false);
        next.TotalTasks.Should().Be(36);
        next.TaskCounts[("cron", "succeeded")].Should().Be(full.TaskCounts[("cron", "succeeded")] - 2);
    }

    private static bool WriteLockHeld(string path)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 1 }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA busy_timeout=0";
        cmd.ExecuteNonQuery();
        try
        {
            cmd.CommandText = "BEGIN IMMEDIATE";
            cmd.ExecuteNonQuery();
            cmd.CommandText = "ROLLBACK";
            cmd.ExecuteNonQuery();
            return false;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 5)
        {
            return true;
        }
    }
}
