using System.Diagnostics;
using CredWatch.Exporter.Resync;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Resync;

[System.Runtime.Versioning.SupportedOSPlatform("linux")] // Unix modes and real processes: CredWatch runs on Linux
public sealed class SqliteResyncTests : IDisposable
{
    private readonly ResyncFixture _f = new(new ResyncOptions { AllowSqliteWrite = true, SqliteBusyTimeout = TimeSpan.FromMilliseconds(500) });
    private readonly string _db;
    private readonly string _json;

    public SqliteResyncTests()
    {
        _db = Path.Combine(_f.Home.Root, "openclaw-agent.sqlite");
        // store_json as the gateway writes it: compact JSON.
        _json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(_f.Home.HrBp))!.ToJsonString();
        SqliteStores.Create(_db, _json);
    }

    private ResyncCandidate Candidate => _f.Home.HrBpCandidate() with { Layout = TargetLayout.AgentSqlite, StorePath = _db };

    [Fact]
    public async Task Opt_in_updates_store_json_in_one_transaction_and_keeps_everything_else()
    {
        var report = await _f.Service.RunAsync([Candidate], SyncRequest.All, default);

        var o = report.Outcomes.Single();
        o.Action.Should().Be(ResyncAction.Repaired, o.Detail);
        SqliteStores.Read(_db).Should().Be(_json
            .Replace(ResyncHome.OldAccess, ResyncHome.NewAccess, StringComparison.Ordinal)
            .Replace(ResyncHome.OldRefresh, ResyncHome.NewRefresh, StringComparison.Ordinal)
            .Replace("1773427200000", "4102444800000", StringComparison.Ordinal));
        File.ReadAllText(o.BackupPath!).Should().Be(_json);
        File.GetUnixFileMode(o.BackupPath!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        FixtureSecrets.AssertNoSecret(_f.AllLogText, "logs");
    }

    [Fact]
    public async Task A_gateway_holding_BEGIN_IMMEDIATE_yields_busy_and_no_change()
    {
        using var gateway = Process.Start(new ProcessStartInfo("sqlite3", [_db])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        await gateway.StandardInput.WriteLineAsync("BEGIN IMMEDIATE;\nSELECT 'held';");
        await gateway.StandardInput.FlushAsync();
        (await gateway.StandardOutput.ReadLineAsync()).Should().Be("held");

        var report = await _f.Service.RunAsync([Candidate], SyncRequest.All, default);

        report.Outcomes.Single().Reason.Should().Be(ResyncReasons.Busy);
        await gateway.StandardInput.WriteLineAsync("ROLLBACK;\n.quit");
        await gateway.StandardInput.FlushAsync();
        await gateway.WaitForExitAsync();
        SqliteStores.Read(_db).Should().Be(_json);
        ResyncFixture.Sum(_f.Failures, "hr-bp", ResyncReasons.Busy).Should().Be(1);

        var retry = await _f.Service.RunAsync([Candidate], SyncRequest.All, default);
        retry.Outcomes.Single().Action.Should().Be(ResyncAction.Repaired);
    }

    [Fact]
    public async Task A_row_changed_since_the_comparison_is_not_overwritten()
    {
        var changed = _json.Replace(ResyncHome.OldRefresh, "sk-ant-ort01-FIXTURErefreshGATEWAY", StringComparison.Ordinal);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE auth_profile_store SET store_json = $j WHERE store_key = 'primary'";
            cmd.Parameters.AddWithValue("$j", changed);
            cmd.ExecuteNonQuery();
        }

        var report = await _f.Service.RunAsync([Candidate], SyncRequest.All, default);

        report.Outcomes.Single().Reason.Should().Be(ResyncReasons.PreconditionChanged);
        SqliteStores.Read(_db).Should().Be(changed);
    }

    [Fact]
    public async Task A_corrupt_database_is_a_reason_not_a_crash()
    {
        File.WriteAllBytes(_db, new byte[4096]);
        File.Delete(_db + "-wal");
        File.Delete(_db + "-shm");

        var report = await _f.Service.RunAsync([Candidate], SyncRequest.All, default);

        report.Outcomes.Single().Action.Should().Be(ResyncAction.Failed);
        report.Outcomes.Single().Reason.Should().BeOneOf(ResyncReasons.WriteFailed, ResyncReasons.PreconditionChanged);
    }

    public void Dispose() => _f.Dispose();
}
