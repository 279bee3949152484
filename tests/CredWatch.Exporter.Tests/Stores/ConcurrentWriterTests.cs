using System.Diagnostics;
using System.Text;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Stores;

/// <summary>
/// The gateway writes in <c>BEGIN IMMEDIATE</c> transactions; here another process (the real <c>sqlite3</c> CLI)
/// plays it on the shared store's state database while CredWatch scans. The writer is given exactly CredWatch's
/// busy timeout and <c>-bail</c>: any wait on CredWatch longer than that fails its statement and the test.
/// </summary>
public sealed class ConcurrentWriterTests : IDisposable
{
    private readonly TempHome _home = new(withFixtures: false);

    public void Dispose() => _home.Dispose();

    private static bool HaveSqlite3 => File.Exists("/usr/bin/sqlite3") || File.Exists("/usr/local/bin/sqlite3");

    [Theory]
    [InlineData("WAL")]
    [InlineData("DELETE")]
    public async Task A_writer_in_begin_immediate_is_never_held_up_past_the_busy_timeout(string journal)
    {
        if (!HaveSqlite3)
        {
            // The CI image installs sqlite3 (toolchain.md); a box without it cannot run this writer.
            throw new InvalidOperationException("sqlite3 CLI not installed: this test needs a real second process writing the database");
        }

        var expires = DateTimeOffset.UtcNow.AddHours(8).ToUnixTimeMilliseconds();
        var db = RealSchema.CreateStateDb(_home, storeJson: Tokens.OAuthProfile("anthropic:default", "anthropic", Tokens.NewAccess, Tokens.NewRefresh, expires));
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            TempHome.Exec(c, $"PRAGMA journal_mode = {journal}");
        }

        var busyMs = (int)_home.ReadContext().Scan.SqliteBusyTimeout.TotalMilliseconds;
        using var writer = Start(db);
        try
        {
            await Exercise(writer, db, busyMs);
        }
        finally
        {
            if (!writer.HasExited)
            {
                writer.Kill();
            }
        }
    }

    private async Task Exercise(Process writer, string db, int busyMs)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        writer.OutputDataReceived += (_, e) => { lock (stdout) { stdout.Append(e.Data).Append('\n'); } };
        writer.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.Append(e.Data).Append('\n'); } };
        writer.BeginOutputReadLine();
        writer.BeginErrorReadLine();
        string Out() { lock (stdout) { return stdout.ToString(); } }

        // 1. The writer holds its RESERVED lock (BEGIN IMMEDIATE + an uncommitted update) while CredWatch scans.
        await writer.StandardInput.WriteLineAsync($".timeout {busyMs}\nBEGIN IMMEDIATE;\nUPDATE config_machine_state SET updated_at_ms = updated_at_ms + 1 WHERE state_key = 'authProfiles.store';\nSELECT 'held';");
        await writer.StandardInput.FlushAsync();
        await Eventually.UntilAsync(() => Task.FromResult(Out().Contains("held", StringComparison.Ordinal)), because: "the writer took its lock");
        var during = await _home.ScanAsync();
        var shared = during.Stores[new StoreId(StoreLabels.OpenClawShared, null)].Snapshot;
        shared.Up.Should().BeTrue(shared.Error?.Detail);
        shared.Profiles.Should().ContainSingle();

        // 2. Many short write transactions while CredWatch keeps scanning: every one commits within the writer's timeout.
        const int writes = 30;
        using var stop = new CancellationTokenSource();
        var scans = 0;
        var scanner = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var s = await _home.ScanAsync();
                var e = s.Stores[new StoreId(StoreLabels.OpenClawShared, null)].Snapshot.Error;
                (e is null || e.Reason == StoreErrorReasons.Busy).Should().BeTrue(e?.Detail);
                Interlocked.Increment(ref scans);
            }
        });
        var script = new StringBuilder("COMMIT;\n");
        for (var i = 0; i < writes; i++)
        {
            script.Append("BEGIN IMMEDIATE;\nUPDATE config_machine_state SET updated_at_ms = updated_at_ms + 1 WHERE state_key = 'authProfiles.store';\nCOMMIT;\nSELECT 'w").Append(i).Append("';\n");
        }

        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref scans) > 0), because: "CredWatch is scanning");
        await writer.StandardInput.WriteAsync(script.ToString());
        await writer.StandardInput.FlushAsync();
        await Eventually.UntilAsync(() => Task.FromResult(Out().Contains($"w{writes - 1}\n", StringComparison.Ordinal) || writer.HasExited), because: "the writer finished");
        await stop.CancelAsync();
        await scanner;
        writer.StandardInput.Close();
        await writer.WaitForExitAsync();

        string err;
        lock (stderr)
        {
            err = stderr.ToString().Trim();
        }

        err.Should().BeEmpty("the writer never waited past its {0} ms busy timeout", busyMs);
        writer.ExitCode.Should().Be(0);
        Out().Should().Contain($"w{writes - 1}");
        File.Exists(db).Should().BeTrue();
    }

    private static Process Start(string db)
    {
        var psi = new ProcessStartInfo("sqlite3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-bail");
        psi.ArgumentList.Add(db);
        return Process.Start(psi)!;
    }
}
