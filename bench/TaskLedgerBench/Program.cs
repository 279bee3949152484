using System.Diagnostics;
using System.Globalization;
using CredWatch.Exporter.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CredWatch.Bench.TaskLedger;

/// <summary>
/// 100,000 tasks (1 % undelivered) in a ledger of the real 2026.9.6 schema: full pass, incremental pass
/// after 100 changes, RSS, and a concurrent writer's latency with and without CredWatch reading.
/// Peer: a naive full read of task_runs (what `openclaw tasks list` does), side by side.
/// </summary>
internal static class Program
{
    private const int Tasks = 100_000;

    private static readonly string[] TaskParams = ["@id", "@rt", "@rsk", "@csk", "@run", "@label", "@task", "@st", "@ds", "@ca", "@ea", "@cu", "@err", "@sum"];

    private static readonly string[] RunParams = ["@r", "@c", "@q", "@t", "@p"];

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "seed")
        {
            // Leaves a seeded ledger behind for ad-hoc sqlite3 experiments.
            Console.WriteLine($"seeded {args[1]}: {Seed(args[1], Tasks, DateTimeOffset.UtcNow)} undelivered");
            return 0;
        }

        var tasks = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : Tasks;
        var dir = Path.Combine(Path.GetTempPath(), "cw-ledger-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "openclaw.sqlite");
        try
        {
            var now = DateTimeOffset.UtcNow;
            var sw = Stopwatch.StartNew();
            var expectedUndelivered = Seed(db, tasks, now);
            Console.WriteLine($"seeded {tasks:N0} tasks ({expectedUndelivered} undelivered) in {sw.ElapsedMilliseconds} ms; db {new FileInfo(db).Length / 1024 / 1024} MiB");

            var options = new TaskLedgerOptions { FullPassInterval = TimeSpan.FromDays(1) };
            using var monitor = NewMonitor(db, Path.Combine(dir, "cw-state"), options);

            var fulls = new List<double>();
            TaskLedgerSnapshot snap = TaskLedgerSnapshot.Empty;
            for (var i = 0; i < 6; i++)
            {
                sw.Restart();
                snap = await monitor.PassAsync(full: true, CancellationToken.None);
                fulls.Add(sw.Elapsed.TotalMilliseconds);
            }

            Check(snap.Results.Count == expectedUndelivered, $"full pass found {snap.Results.Count}, expected {expectedUndelivered}");

            var idle = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                sw.Restart();
                await monitor.PassAsync(full: false, CancellationToken.None);
                idle.Add(sw.Elapsed.TotalMilliseconds);
            }

            var incr = new List<double>();
            var readerOnly = new List<double>();
            var incrPrune = new List<double>();
            var readerPrune = new List<double>();

            // CPU time of each monitor pass (this process, all threads): steadier than wall time on a
            // shared 2-core box, where other processes' load stretches wall time but not CPU time.
            var cpuIncr = new List<double>();
            var cpuPrune = new List<double>();
            using (var reader = new TaskLedgerReader(db, options.BusyTimeout))
            using (var writer = OpenWriter(db))
            {
                reader.Read(full: true);
                for (var round = 0; round < 40; round++)
                {
                    // OpenClaw prunes in a sweep once a minute while CredWatch polls every 2 s: odd rounds carry a prune.
                    var prune = round % 2 == 1;
                    Apply100Changes(writer, round, now, prune);
                    sw.Restart();
                    var read = reader.Read(full: false);
                    (prune ? readerPrune : readerOnly).Add(sw.Elapsed.TotalMilliseconds);
                    if (round % 10 == 0 || round % 10 == 1)
                    {
                        Console.WriteLine($"  round {round}: reader {(prune ? readerPrune : readerOnly)[^1]:F1} ms");
                    }
                    Check(read.Reason is null && read.Changed, "reader incremental pass failed");
                    var cpu0 = Environment.CpuUsage.TotalTime;
                    sw.Restart();
                    snap = await monitor.PassAsync(full: false, CancellationToken.None);
                    (prune ? incrPrune : incr).Add(sw.Elapsed.TotalMilliseconds);
                    (prune ? cpuPrune : cpuIncr).Add((Environment.CpuUsage.TotalTime - cpu0).TotalMilliseconds);
                    if (round % 10 == 0 || round % 10 == 1)
                    {
                        Console.WriteLine($"  round {round}: monitor {(prune ? incrPrune : incr)[^1]:F1} ms");
                    }
                }
            }

            using (var fresh = NewMonitor(db, Path.Combine(dir, "cw-state-fresh"), options))
            {
                var full = await fresh.PassAsync(full: true, CancellationToken.None);
                Check(full.Results.Count == snap.Results.Count && full.TotalTasks == snap.TotalTasks,
                    $"incremental view ({snap.Results.Count}/{snap.TotalTasks}) differs from a fresh full pass ({full.Results.Count}/{full.TotalTasks})");
            }

            var naive = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                sw.Restart();
                NaiveFullRead(db);
                naive.Add(sw.Elapsed.TotalMilliseconds);
            }

            GC.Collect();
            using var self = Process.GetCurrentProcess();
            self.Refresh();

            Console.WriteLine();
            Console.WriteLine("                                   CredWatch     peer (naive SELECT * FROM task_runs)   ratio");
            Console.WriteLine($"full pass (median of 5 warm)    {Median(fulls.Skip(1)),9:F1} ms   {Median(naive),9:F1} ms                          {Median(fulls.Skip(1)) / Median(naive),6:F2}x");
            Console.WriteLine($"full pass (cold, first)         {fulls[0],9:F1} ms");
            Console.WriteLine($"incremental, 100 changes (med)  {Median(incr),9:F2} ms   {Median(naive),9:F1} ms                          {Median(incr) / Median(naive),6:F3}x   range {incr.Min():F2}-{incr.Max():F2} ms");
            Console.WriteLine($"  incr / full pass ratio        {Median(incr) / Median(fulls.Skip(1)),9:F3}x");
            Console.WriteLine($"  of which ledger read (med)    {Median(readerOnly),9:F2} ms   range {readerOnly.Min():F2}-{readerOnly.Max():F2} ms (rest: classification, counted-id snapshot)");
            Console.WriteLine($"incremental, 100 changes incl. 20 prunes (med) {Median(incrPrune),9:F2} ms   range {incrPrune.Min():F2}-{incrPrune.Max():F2} ms; ledger read {Median(readerPrune):F2} ms");
            var all = incr.Concat(incrPrune).ToList();
            Console.WriteLine($"incremental, all rounds (med)   {Median(all),9:F2} ms   range {all.Min():F2}-{all.Max():F2} ms");
            Console.WriteLine($"incremental CPU time (med)      {Median(cpuIncr),9:F2} ms   range {cpuIncr.Min():F2}-{cpuIncr.Max():F2} ms; incl. 20 prunes {Median(cpuPrune):F2} ms   range {cpuPrune.Min():F2}-{cpuPrune.Max():F2} ms");
            Console.WriteLine($"incremental, nothing changed    {Median(idle),9:F3} ms");
            Console.WriteLine($"RSS now / peak                  {self.WorkingSet64 / 1048576.0,9:F1} MiB / {self.PeakWorkingSet64 / 1048576.0:F1} MiB");
            Console.WriteLine($"targets: full < 500 ms: {(Median(fulls.Skip(1)) < 500 ? "MET" : "MISSED")}; incremental < 20 ms: {(Median(all) < 20 ? "MET" : "MISSED")} (all rounds), {(Median(incr) < 20 ? "MET" : "MISSED")} (rounds without a prune)");
            Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");

            await WriterLatency(db, dir, options);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task WriterLatency(string db, string dir, TaskLedgerOptions options)
    {
        // The gateway's write pattern: short BEGIN IMMEDIATE transactions.
        var baseline = RunWriter(db, TimeSpan.FromSeconds(4), reader: null, out var busyAlone);
        using var monitor = NewMonitor(db, Path.Combine(dir, "cw-state-w"), options);
        var passes = 0;
        var withReader = RunWriter(db, TimeSpan.FromSeconds(4), reader: async ct =>
        {
            while (!ct.IsCancellationRequested)
            {
                await monitor.PassAsync(full: passes % 10 == 0, CancellationToken.None);
                passes++;
            }
        }, out var busyWith);
        Console.WriteLine();
        Console.WriteLine($"gateway-style writer (BEGIN IMMEDIATE + UPDATE + COMMIT, busy_timeout 0), 4 s each:");
        Console.WriteLine($"                          writes   p50 ms   p99 ms   max ms   SQLITE_BUSY (write met a lock)");
        Console.WriteLine($"  alone                   {baseline.Count,6} {Pct(baseline, 50),8:F2} {Pct(baseline, 99),8:F2} {baseline.Max(),8:F2}   {busyAlone}");
        Console.WriteLine($"  with CredWatch passes   {withReader.Count,6} {Pct(withReader, 50),8:F2} {Pct(withReader, 99),8:F2} {withReader.Max(),8:F2}   {busyWith}   ({passes} passes, every 10th full)");
        Console.WriteLine($"  ratio with/alone: p50 {Pct(withReader, 50) / Pct(baseline, 50):F2}x, p99 {Pct(withReader, 99) / Pct(baseline, 99):F2}x, max {withReader.Max() / baseline.Max():F2}x (2 shared cores: CPU contention, not locks)");
        await Task.CompletedTask;
    }

    /// <summary>
    /// The gateway's write pattern, straight through SQLite (no Microsoft.Data.Sqlite retry loop) with
    /// busy_timeout 0: any lock CredWatch's reads put in a write's way shows up as SQLITE_BUSY, counted in
    /// <paramref name="busy"/> (then retried), not hidden in a wait.
    /// </summary>
    private static List<double> RunWriter(string db, TimeSpan duration, Func<CancellationToken, Task>? reader, out int busy)
    {
        busy = 0;
        using var cts = new CancellationTokenSource();
        var readerTask = reader is null ? Task.CompletedTask : Task.Run(() => reader(cts.Token));
        var lat = new List<double>();
        using (var w = OpenWriter(db))
        {
            Exec(w, "PRAGMA busy_timeout=0");
            var rnd = new Random(7);
            var total = Stopwatch.StartNew();
            var sw = new Stopwatch();
            while (total.Elapsed < duration)
            {
                sw.Restart();
                var id = "task-" + rnd.Next(Tasks).ToString(CultureInfo.InvariantCulture);
                while (true)
                {
                    var rc = SQLitePCL.raw.sqlite3_exec(w.Handle, "BEGIN IMMEDIATE");
                    if (rc == 0)
                    {
                        rc = SQLitePCL.raw.sqlite3_exec(w.Handle, "UPDATE task_runs SET tool_use_count = coalesce(tool_use_count,0) + 1 WHERE task_id = '" + id + "'");
                        rc = rc == 0 ? SQLitePCL.raw.sqlite3_exec(w.Handle, "COMMIT") : rc;
                    }

                    if (rc == 0)
                    {
                        break;
                    }

                    _ = SQLitePCL.raw.sqlite3_exec(w.Handle, "ROLLBACK");
                    if (rc is 5 or 6)
                    {
                        busy++;
                        continue;
                    }

                    throw new InvalidOperationException("writer failed: sqlite rc " + rc.ToString(CultureInfo.InvariantCulture));
                }

                lat.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        cts.Cancel();
        readerTask.GetAwaiter().GetResult();
        return lat;
    }

    private static TaskLedgerMonitor NewMonitor(string db, string stateDir, TaskLedgerOptions options) =>
        new(new TaskLedgerReader(db, options.BusyTimeout), new CountedTaskStore(stateDir), FuncAgentLoginStateSource.Unknown,
            new NullTaskResultSink(), Options.Create(options), TimeProvider.System, NullLogger<TaskLedgerMonitor>.Instance);

    private static SqliteConnection OpenWriter(string db)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        c.Open();
        Exec(c, "PRAGMA busy_timeout=5000");
        return c;
    }

    private static int Seed(string db, int n, DateTimeOffset now)
    {
        using var c = OpenWriter(db);
        Exec(c, "PRAGMA journal_mode=WAL");
        Exec(c, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ledger-schema.sql")));
        var nowMs = now.ToUnixTimeMilliseconds();
        var undelivered = 0;
        using var tx = c.BeginTransaction();
        using var ins = c.CreateCommand();
        ins.Transaction = tx;
        ins.CommandText = """
            INSERT INTO task_runs(task_id, runtime, requester_session_key, owner_key, scope_kind, child_session_key, agent_id, run_id,
              label, task, status, delivery_status, notify_policy, created_at, started_at, ended_at, last_event_at, cleanup_after, error, terminal_summary)
            VALUES (@id, @rt, @rsk, @rsk, 'session', @csk, 'main', @run, @label, @task, @st, @ds, 'done_only', @ca, @ca, @ea, @ea, @cu, @err, @sum)
            """;
        var p = TaskParams.ToDictionary(k => k, k => ins.Parameters.Add(k, SqliteType.Text));
        using var sub = c.CreateCommand();
        sub.Transaction = tx;
        sub.CommandText = "INSERT INTO subagent_runs(run_id, child_session_key, requester_session_key, created_at, payload_json) VALUES (@r, @c, @q, @t, @p)";
        var sp = RunParams.ToDictionary(k => k, k => sub.Parameters.Add(k, SqliteType.Text));
        string[] runtimes = ["subagent", "subagent", "subagent", "cron", "acp", "cli"];
        for (var i = 0; i < n; i++)
        {
            var id = "task-" + i.ToString(CultureInfo.InvariantCulture);
            var runtime = runtimes[i % runtimes.Length];
            var ended = nowMs - ((long)(n - i) * 6_000); // spread over the past week
            var (status, delivery, err, payloadDelivery) = (i % 100) switch
            {
                // 1 % undelivered, every reason represented; the rest delivered or not applicable.
                0 when i % 700 == 0 => ("lost", "pending", (string?)"backing session missing", "{\"status\":\"pending\"}"),
                0 when i % 500 == 0 => ("succeeded", "parent_missing", null, "{\"status\":\"pending\"}"),
                0 when runtime == "subagent" && i % 300 == 0 => ("succeeded", "pending", null, "{\"status\":\"suspended\",\"suspendedReason\":\"expiry\",\"lastError\":\"delivery path none did not complete\",\"attemptCount\":9}"),
                0 => ("succeeded", "failed", "delivery path none did not complete", "{\"status\":\"failed\",\"attemptCount\":3}"),
                _ => ("succeeded", runtime == "cli" ? "not_applicable" : "delivered", null, "{\"status\":\"delivered\",\"attemptCount\":1}"),
            };
            if (i % 100 == 0)
            {
                undelivered++;
            }

            p["@id"].Value = id;
            p["@rt"].Value = runtime;
            p["@rsk"].Value = "agent:main:telegram:group:-1001234567890:topic:" + (i % 50).ToString(CultureInfo.InvariantCulture);
            p["@csk"].Value = "agent:main:subagent:" + id;
            p["@run"].Value = "run-" + id;
            p["@label"].Value = "Background job number " + i.ToString(CultureInfo.InvariantCulture);
            p["@task"].Value = "Do the work for item " + i.ToString(CultureInfo.InvariantCulture) + new string('.', 200);
            p["@st"].Value = status;
            p["@ds"].Value = delivery;
            p["@ca"].Value = ended - 60_000;
            p["@ea"].Value = ended;
            p["@cu"].Value = ended + 604_800_000;
            p["@err"].Value = (object?)err ?? DBNull.Value;
            p["@sum"].Value = "The result text, a few hundred bytes long. " + new string('r', 300);
            ins.ExecuteNonQuery();
            if (runtime == "subagent")
            {
                sp["@r"].Value = "run-" + id;
                sp["@c"].Value = "agent:main:subagent:" + id;
                sp["@q"].Value = p["@rsk"].Value;
                sp["@t"].Value = ended - 60_000;
                sp["@p"].Value = "{\"runId\":\"run-" + id + "\",\"execution\":{\"status\":\"terminal\"},\"completion\":{\"required\":true},\"delivery\":" + payloadDelivery + "}";
                sub.ExecuteNonQuery();
            }
        }

        tx.Commit();
        Exec(c, "PRAGMA wal_checkpoint(TRUNCATE)");
        return undelivered;
    }

    private static int _next = Tasks;

    /// <summary>100 changes the way the gateway makes them: new tasks, progress events, deliveries, prunes.</summary>
    private static void Apply100Changes(SqliteConnection c, int round, DateTimeOffset now, bool prune)
    {
        var nowMs = now.ToUnixTimeMilliseconds() + round;
        using var tx = c.BeginTransaction(deferred: false);
        for (var k = 0; k < 100; k++)
        {
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            var victim = "task-" + ((round * 997) + (k * 1009)).ToString(CultureInfo.InvariantCulture);
            switch (k % 5 == 4 && !prune ? 1 : k % 5)
            {
                case 0:
                    var id = "task-" + _next++.ToString(CultureInfo.InvariantCulture);
                    cmd.CommandText = "INSERT INTO task_runs(task_id, runtime, owner_key, scope_kind, task, status, delivery_status, notify_policy, created_at, started_at, last_event_at) "
                        + "VALUES (@id, 'subagent', 'o', 'session', 'new work', 'running', 'pending', 'done_only', @n, @n, @n)";
                    cmd.Parameters.AddWithValue("@id", id);
                    break;
                case 1:
                    cmd.CommandText = "UPDATE task_runs SET last_event_at = @n, tool_use_count = 1 WHERE task_id = @id";
                    cmd.Parameters.AddWithValue("@id", victim);
                    break;
                case 2:
                    cmd.CommandText = "UPDATE task_runs SET delivery_status = 'failed', last_event_at = @n WHERE task_id = @id AND delivery_status = 'delivered'";
                    cmd.Parameters.AddWithValue("@id", victim);
                    break;
                case 3:
                    // Settled without an event bump (OpenClaw does this on some paths).
                    cmd.CommandText = "UPDATE task_runs SET delivery_status = 'delivered' WHERE task_id = (SELECT task_id FROM task_runs WHERE delivery_status = 'failed' LIMIT 1 OFFSET @k)";
                    cmd.Parameters.AddWithValue("@k", k);
                    break;
                default:
                    // OpenClaw's sweep: terminal tasks past cleanup_after, one DELETE by task id each, oldest first.
                    cmd.CommandText = "DELETE FROM task_runs WHERE task_id = (SELECT task_id FROM task_runs WHERE cleanup_after IS NOT NULL ORDER BY cleanup_after LIMIT 1)";
                    break;
            }

            cmd.Parameters.AddWithValue("@n", nowMs);
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    private static void NaiveFullRead(string db)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT * FROM task_runs";
        using var r = cmd.ExecuteReader();
        var values = new object[r.FieldCount];
        while (r.Read())
        {
            r.GetValues(values);
        }
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException("benchmark self-check failed: " + what);
        }
    }

    private static double Median(IEnumerable<double> xs) => Pct(xs.ToList(), 50);

    private static double Pct(List<double> xs, int pct)
    {
        var s = xs.Order().ToList();
        return s[Math.Min(s.Count - 1, (int)Math.Ceiling(pct / 100.0 * s.Count) - 1)];
    }
}
