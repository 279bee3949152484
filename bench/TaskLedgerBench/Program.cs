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
            using (var reader = new TaskLedgerReader(db, options.BusyTimeout))
            using (var writer = OpenWriter(db))
            {
                reader.Read(full: true);
                for (var round = 0; round < 20; round++)
                {
                    Apply100Changes(writer, round, now);
                    sw.Restart();
                    var read = reader.Read(full: false);
                    readerOnly.Add(sw.Elapsed.TotalMilliseconds);
                    if (round % 5 == 0)
                    {
                        Console.WriteLine($"  round {round}: reader {readerOnly[^1]:F1} ms = {reader.LastPhases}");
                    }
                    Check(read.Reason is null && read.Changed, "reader incremental pass failed");
                    sw.Restart();
                    snap = await monitor.PassAsync(full: false, CancellationToken.None);
                    incr.Add(sw.Elapsed.TotalMilliseconds);
                    if (round % 5 == 0)
                    {
                        Console.WriteLine($"  round {round}: monitor {incr[^1]:F1} ms = {monitor.LastPhases}");
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
            Console.WriteLine($"incremental, 100 changes (med)  {Median(incr),9:F2} ms   {Median(naive),9:F1} ms                          {Median(incr) / Median(naive),6:F3}x");
            Console.WriteLine($"incremental, 100 changes (max)  {incr.Max(),9:F2} ms");
            Console.WriteLine($"  of which ledger read (med)    {Median(readerOnly),9:F2} ms   (rest: classification + fsync'd counted-id file)");
            Console.WriteLine($"incremental, nothing changed    {Median(idle),9:F3} ms");
            Console.WriteLine($"RSS now / peak                  {self.WorkingSet64 / 1048576.0,9:F1} MiB / {self.PeakWorkingSet64 / 1048576.0:F1} MiB");
            Console.WriteLine($"targets: full < 500 ms: {(Median(fulls.Skip(1)) < 500 ? "MET" : "MISSED")}; incremental < 20 ms: {(Median(incr) < 20 ? "MET" : "MISSED")}");

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
        // The gateway's write pattern: short BEGIN IMMEDIATE transactions, busy_timeout 5000 ms.
        var baseline = RunWriter(db, TimeSpan.FromSeconds(4), reader: null);
        using var monitor = NewMonitor(db, Path.Combine(dir, "cw-state-w"), options);
        var passes = 0;
        var withReader = RunWriter(db, TimeSpan.FromSeconds(4), reader: async ct =>
        {
            while (!ct.IsCancellationRequested)
            {
                await monitor.PassAsync(full: passes % 10 == 0, CancellationToken.None);
                passes++;
            }
        });
        Console.WriteLine();
        Console.WriteLine($"gateway-style writer (BEGIN IMMEDIATE + UPDATE + COMMIT), 4 s each:");
        Console.WriteLine($"  alone:                  {baseline.Count,6} writes, p50 {Pct(baseline, 50):F2} ms, p99 {Pct(baseline, 99):F2} ms, max {baseline.Max():F2} ms");
        Console.WriteLine($"  with CredWatch passes:  {withReader.Count,6} writes, p50 {Pct(withReader, 50):F2} ms, p99 {Pct(withReader, 99):F2} ms, max {withReader.Max():F2} ms ({passes} passes, every 10th full)");
        Console.WriteLine($"  max-latency ratio {withReader.Max() / baseline.Max():F2}x; any write waiting on a lock (SQLITE_BUSY) = {(withReader.Max() >= 5000 ? "YES" : "no")}");
        await Task.CompletedTask;
    }

    private static List<double> RunWriter(string db, TimeSpan duration, Func<CancellationToken, Task>? reader)
    {
        using var cts = new CancellationTokenSource();
        var readerTask = reader is null ? Task.CompletedTask : Task.Run(() => reader(cts.Token));
        var lat = new List<double>();
        using (var w = OpenWriter(db))
        {
            var rnd = new Random(7);
            var total = Stopwatch.StartNew();
            var sw = new Stopwatch();
            while (total.Elapsed < duration)
            {
                sw.Restart();
                using (var tx = w.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false))
                {
                    using var cmd = w.CreateCommand();
                    cmd.Transaction = tx;
                    cmd.CommandText = "UPDATE task_runs SET tool_use_count = coalesce(tool_use_count,0) + 1 WHERE task_id = @id";
                    cmd.Parameters.AddWithValue("@id", "task-" + rnd.Next(Tasks).ToString(CultureInfo.InvariantCulture));
                    cmd.ExecuteNonQuery();
                    tx.Commit();
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
    private static void Apply100Changes(SqliteConnection c, int round, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds() + round;
        using var tx = c.BeginTransaction(deferred: false);
        for (var k = 0; k < 100; k++)
        {
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            var victim = "task-" + ((round * 997) + (k * 1009)).ToString(CultureInfo.InvariantCulture);
            switch (k % 5)
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
                    cmd.CommandText = "DELETE FROM task_runs WHERE task_id = @id";
                    cmd.Parameters.AddWithValue("@id", "task-" + ((round * 100) + k).ToString(CultureInfo.InvariantCulture));
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
