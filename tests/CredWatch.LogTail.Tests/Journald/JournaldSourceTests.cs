using System.Text.Json;
using CredWatch.LogTail.Configuration;
using CredWatch.LogTail.Journald;
using CredWatch.LogTail.Signals;
using CredWatch.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;

namespace CredWatch.LogTail.Tests.Journald;

/// <summary>
/// Real journald is not available in CI containers, so a real executable stands in for journalctl: a
/// shell script that prints journal JSON entries after the cursor it is given and records its argv.
/// </summary>
public sealed class JournaldSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("credwatch-journal-").FullName;

    private string Entries => Path.Combine(_dir, "entries.jsonl");

    private string ArgsLog => Path.Combine(_dir, "args.log");

    private string FakeJournalctl()
    {
        var script = Path.Combine(_dir, "journalctl");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            # Fake journalctl: prints entries after --after-cursor=C (or none for --lines=0), then exits.
            echo "$@" >> "{{ArgsLog}}"
            after=""
            for a in "$@"; do case "$a" in --after-cursor=*) after="${a#--after-cursor=}";; --lines=0) after="END";; esac; done
            seen=""; [ -z "$after" ] && seen=1
            while IFS= read -r line; do
              c=$(printf '%s' "$line" | sed -n 's/.*"__CURSOR":"\([^"]*\)".*/\1/p')
              if [ -n "$seen" ]; then printf '%s\n' "$line"; fi
              [ "$c" = "$after" ] && seen=1
            done < "{{Entries}}"
            exit 0
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return script;
    }

    private static string Entry(string cursor, string message) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["__CURSOR"] = cursor, ["__REALTIME_TIMESTAMP"] = "1795575145290000", ["MESSAGE"] = message, ["_SYSTEMD_USER_UNIT"] = "openclaw-gateway.service" });

    [Fact]
    public async Task Follows_journal_entries_and_resumes_after_the_persisted_cursor()
    {
        File.WriteAllLines(Entries,
        [
            Entry("c1", "[warn] Subagent announce give up (expiry) run=r1 child=agent:main:subagent:a requester=agent:main:telegram:direct:42 retries=9 endedAgo=1862s"),
            Entry("c2", "gateway ready"),
        ]);
        var options = new LogTailOptions { StateDir = Path.Combine(_dir, "state"), StartAtEnd = false };
        options.Journald.Enabled = true;
        options.Journald.Command = FakeJournalctl();
        options.Journald.RestartDelay = TimeSpan.FromMilliseconds(100);

        var sink = new CollectingSink();
        using (var cts = new CancellationTokenSource())
        {
            var pipeline = new SignalPipeline(TimeProvider.System, TimeSpan.FromSeconds(10), null, null, sink.OnSignal);
            var run = new JournaldSource(options, TimeProvider.System, pipeline, NullLogger.Instance).RunAsync(cts.Token);
            // The first journalctl has printed its whole file once the cursor of its last entry is saved.
            await Eventually.Until(() => sink.Signals.Count == 1 && ReadCursor() == "c2");
            File.AppendAllLines(Entries, [Entry("c3", "OAuth token refresh failed for anthropic: Failed to refresh OAuth token")]);
            await Eventually.Until(() => sink.Signals.Count == 2, because: "the restarted journalctl resumes after cursor c2");
            await cts.CancelAsync();
            await run;
        }

        sink.Signals.Select(s => s.Signal).Should().Equal(SignalNames.AnnounceGiveUp, SignalNames.OAuthRefreshFailed);
        sink.Signals.First().Requester!.ChatId.Should().Be("42");
        sink.Signals.First().Time.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1795575145290));
        var args = File.ReadAllLines(ArgsLog);
        args[0].Should().Be("--user -u openclaw-gateway -o json --follow --no-pager --lines=all");
        args.Should().Contain(a => a.EndsWith("--after-cursor=c2", StringComparison.Ordinal));
        File.ReadAllText(Path.Combine(_dir, "state", "logtail-journal.cursor")).Should().Be("c3");
    }

    private string? ReadCursor()
    {
        try
        {
            return File.ReadAllText(Path.Combine(_dir, "state", "logtail-journal.cursor"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    [Fact]
    public void Binary_message_arrays_and_torn_entries_are_handled()
    {
        var sink = new CollectingSink();
        var pipeline = new SignalPipeline(TimeProvider.System, TimeSpan.FromSeconds(10), null, null, sink.OnSignal);
        var source = new JournaldSource(new LogTailOptions { StateDir = _dir }, TimeProvider.System, pipeline, NullLogger.Instance);
        var bytes = string.Join(',', System.Text.Encoding.UTF8.GetBytes("No API key found for provider \"openai\".").Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        source.OnEntry("{\"__CURSOR\":\"x\",\"MESSAGE\":[" + bytes + ",255]}").Should().Be("x");
        source.OnEntry("{\"__CURSOR\":\"y\",\"MESS").Should().BeNull();
        sink.Signals.Should().ContainSingle(s => s.Signal == SignalNames.NoApiKey && s.Provider == "openai");
    }

    [Fact]
    public async Task A_missing_journalctl_is_retried_not_fatal()
    {
        var options = new LogTailOptions { StateDir = _dir };
        options.Journald.Command = Path.Combine(_dir, "does-not-exist");
        options.Journald.RestartDelay = TimeSpan.FromMilliseconds(50);
        var pipeline = new SignalPipeline(TimeProvider.System, TimeSpan.FromSeconds(10), null, null, _ => { });
        var logger = new FakeLogger();
        using var cts = new CancellationTokenSource();
        var run = new JournaldSource(options, TimeProvider.System, pipeline, logger).RunAsync(cts.Token);

        // Each failed start is logged; a second one proves the source waited and tried again instead of giving up.
        await Eventually.Until(() => run.IsCompleted || StartFailures() >= 2, because: "journalctl was started again after failing");
        run.IsCompleted.Should().BeFalse("a missing journalctl is not fatal");
        await cts.CancelAsync();
        await run;
        StartFailures().Should().BeGreaterThanOrEqualTo(2);

        int StartFailures() => logger.Collector.GetSnapshot().Count(r => r.Id.Id == 4022);
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
