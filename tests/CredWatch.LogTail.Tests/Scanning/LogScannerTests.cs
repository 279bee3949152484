using System.IO.Compression;
using System.Text.Json;
using CredWatch.LogTail.Scanning;
using CredWatch.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.LogTail.Tests.Scanning;

public sealed class LogScannerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("credwatch-scan-").FullName;
    private readonly string _fixture = Path.Combine(TestPaths.FixtureLogs, "openclaw-2026-03-13.log");

    [Fact]
    public void Text_lists_lost_results_and_refresh_failures_with_time_run_and_requester()
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        LogScanner.Run([_fixture], json: false, since: null, o, e).Should().Be(0);
        var text = o.ToString();
        text.Should().Contain("announce_give_up").And.Contain("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d")
            .And.Contain("telegram:group:-1001234567890 topic 42").And.Contain("2026-03-13 10:21:46")
            .And.Contain("orphan_run_pruned").And.Contain("reason=missing-session-entry")
            .And.Contain("2 lost subagent result(s); 3 auth failure(s)");
        FixtureSecrets.AssertNoSecret(text, "scan text");
        e.ToString().Should().BeEmpty();
    }

    [Fact]
    public void Json_has_counts_and_requester_parts_and_since_filters()
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        LogScanner.Run([_fixture], json: true, since: "2026-03-13T10:20:00Z", o, e).Should().Be(0);
        using var doc = JsonDocument.Parse(o.ToString());
        var signals = doc.RootElement.GetProperty("signals");
        signals.GetArrayLength().Should().Be(2);
        var giveUp = signals[1];
        giveUp.GetProperty("signal").GetString().Should().Be("announce_give_up");
        giveUp.GetProperty("requester").GetProperty("chatId").GetString().Should().Be("-1001234567890");
        giveUp.GetProperty("requester").GetProperty("topic").GetString().Should().Be("42");
        doc.RootElement.GetProperty("counts").GetProperty("orphan_run_pruned").GetInt32().Should().Be(1);
    }

    [Fact]
    public void Relative_since_gz_files_and_missing_files()
    {
        var gz = Path.Combine(_dir, "old.log.gz");
        using (var fs = File.Create(gz))
        using (var z = new GZipStream(fs, CompressionLevel.Fastest))
        {
            var bytes = File.ReadAllBytes(_fixture);
            z.Write(bytes);
        }

        var now = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero));
        using var o = new StringWriter();
        using var e = new StringWriter();
        LogScanner.Run([gz, Path.Combine(_dir, "missing.log")], json: true, since: "7d", o, e, now).Should().Be(1);
        JsonDocument.Parse(o.ToString()).RootElement.GetProperty("signals").GetArrayLength().Should().Be(5);
        e.ToString().Should().Contain("missing.log: not_found");
        LogScanner.Run([gz], json: false, since: "yesterday-ish", o, e, now).Should().Be(2);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
