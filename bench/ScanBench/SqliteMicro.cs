using System.Diagnostics;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Stores;
using Microsoft.Data.Sqlite;
using SQLitePCL;

/// <summary>Per-open costs of the agent database read, variant by variant, over the same files (interleaved rounds).</summary>
internal static class SqliteMicro
{
    public static async Task RunAsync(string root, int rounds)
    {
        var dbs = Directory.EnumerateFiles(Path.Combine(root, "home", ".openclaw", "agents"), "openclaw-agent.sqlite", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var ctx = new ReadContext(new Fingerprinter(new byte[32]), new ScanOptions(), TimeProvider.System);
        var variants = new (string Name, Func<string, Task> Run)[]
        {
            ("reader before (8 statements)", p =>
            {
                // The reader as it was (commit af99fce): PRAGMA busy_timeout, user_version, two table checks, a transaction.
                var cs = new SqliteConnectionStringBuilder { DataSource = p, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 1 }.ToString();
                using var c = new SqliteConnection(cs);
                c.Open();
                using (var b = c.CreateCommand())
                {
                    b.CommandText = "PRAGMA busy_timeout = 250";
                    b.ExecuteNonQuery();
                }

                _ = OpenClawSqliteReader.Scalar(c, "PRAGMA user_version");
                _ = OpenClawSqliteReader.TableExists(c, "auth_profile_store");
                using var tx = c.BeginTransaction(deferred: true);
                _ = OpenClawSqliteReader.Row(c, tx, "SELECT store_json, updated_at FROM auth_profile_store WHERE store_key = 'primary'");
                _ = OpenClawSqliteReader.TableExists(c, "auth_profile_state") ? OpenClawSqliteReader.Row(c, tx, "SELECT state_json, updated_at FROM auth_profile_state WHERE state_key = 'primary'") : (null, null);
                tx.Commit();
                return Task.CompletedTask;
            }),
            ("reader now (full read+parse)", async p => await OpenClawSqliteReader.ReadAsync(new StoreLocation(new StoreId(StoreLabels.OpenClaw, "x"), p), ctx, CancellationToken.None)),
            ("MDS open+close", p =>
            {
                using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = p, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                c.Open();
                return Task.CompletedTask;
            }),
            ("raw open+close", p =>
            {
                raw.sqlite3_open_v2(p, out var db, raw.SQLITE_OPEN_READONLY, null);
                db.Dispose();
                return Task.CompletedTask;
            }),
            ("raw open+1 query+close", p =>
            {
                raw.sqlite3_open_v2(p, out var db, raw.SQLITE_OPEN_READONLY, null);
                raw.sqlite3_prepare_v2(db, "SELECT store_json, updated_at FROM auth_profile_store WHERE store_key = 'primary'", out var st);
                raw.sqlite3_step(st);
                _ = raw.sqlite3_column_text(st, 0).utf8_to_string();
                st.Dispose();
                db.Dispose();
                return Task.CompletedTask;
            }),
            ("raw nockpt open+1 query+close", p =>
            {
                raw.sqlite3_open_v2(p, out var db, raw.SQLITE_OPEN_READONLY, null);
                raw.sqlite3_db_config(db, raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _);
                raw.sqlite3_prepare_v2(db, "SELECT store_json, updated_at FROM auth_profile_store WHERE store_key = 'primary'", out var st);
                raw.sqlite3_step(st);
                _ = raw.sqlite3_column_text(st, 0).utf8_to_string();
                st.Dispose();
                db.Dispose();
                return Task.CompletedTask;
            }),
        };
        var wall = variants.Select(_ => new List<double>()).ToArray();
        var cpu = variants.Select(_ => new List<double>()).ToArray();
        using var self = Process.GetCurrentProcess();
        for (var r = 0; r < rounds; r++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                self.Refresh();
                var c0 = self.TotalProcessorTime;
                var t = Stopwatch.GetTimestamp();
                foreach (var p in dbs)
                {
                    await variants[v].Run(p);
                }

                wall[v].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                self.Refresh();
                cpu[v].Add((self.TotalProcessorTime - c0).TotalMilliseconds);
            }
        }

        Console.WriteLine($"{dbs.Count} agent databases, {rounds} rounds, one thread: median [min] ms wall | CPU");
        for (var v = 0; v < variants.Length; v++)
        {
            var w = wall[v].Order().ToList();
            var c = cpu[v].Order().ToList();
            Console.WriteLine($"  {variants[v].Name,-32} {w[w.Count / 2],8:F1} [{w[0]:F1}] | {c[c.Count / 2],8:F1} [{c[0]:F1}]");
        }

        var side = Directory.EnumerateFiles(Path.GetDirectoryName(dbs[0])!).Select(Path.GetFileName);
        Console.WriteLine("  files beside the first database: " + string.Join(", ", side));
    }
}
