using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Integration;

/// <summary>
/// kill -9 of the real daemon in the middle of one failure's log lines: the deduplicator's memory is saved with the
/// positions, so the lines after the restart join the failure counted before it instead of counting it again.
/// </summary>
public sealed class LogTailCrashTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task A_failure_spanning_a_kill_9_is_counted_once()
    {
        var logs = Path.Combine(_home.Root, "logs");
        Directory.CreateDirectory(logs);
        var log = Path.Combine(logs, "openclaw-2026-12-05.log");
        await File.WriteAllTextAsync(log, string.Empty);
        var positions = Path.Combine(_home.StateDir, "logtail-positions.json");
        var env = new Dictionary<string, string>
        {
            ["CREDWATCH_LOGTAIL__POLLINTERVAL"] = "00:00:00.200",
            ["CREDWATCH_LOGTAIL__STARTATEND"] = "false",
        };
        string[] args = ["--log-path", Path.Combine(logs, "openclaw-*.log")];
        var t = DateTimeOffset.UtcNow;

        await using (var first = await CredWatchProcess.StartDaemonAsync(_home.Home, _home.StateDir, env, args))
        {
            await File.AppendAllTextAsync(log, SignalLines.OAuthRefreshFailed("anthropic", t));
            await Eventually.UntilAsync(async () => Scrape.Value(await first.ScrapeAsync(), "credwatch_log_signals_total", ("signal", "oauth_refresh_failed"), ("provider", "anthropic")) == 1, Deadline, "counted");
            await Eventually.Until(() => File.Exists(positions) && File.ReadAllText(positions).Contains("oauth_refresh_failed", StringComparison.Ordinal), Deadline, "saved with the positions");
            await first.KillAsync();
        }

        await using var second = await CredWatchProcess.StartDaemonAsync(_home.Home, _home.StateDir, env, args);

        // The same failure logged again 5 s later (inside the 10 s window), then an unrelated one 10 minutes later.
        await File.AppendAllTextAsync(log, SignalLines.OAuthRefreshFailed("anthropic", t.AddSeconds(5)));
        await File.AppendAllTextAsync(log, SignalLines.OAuthRefreshFailed("openai", t.AddMinutes(10)));
        await Eventually.UntilAsync(async () => Scrape.Value(await second.ScrapeAsync(), "credwatch_log_signals_total", ("signal", "oauth_refresh_failed"), ("provider", "openai")) == 1,
            Deadline, "the later line was read and counted");

        (Scrape.Value(await second.ScrapeAsync(), "credwatch_log_signals_total", ("signal", "oauth_refresh_failed"), ("provider", "anthropic")) ?? 0)
            .Should().Be(0, "the anthropic failure was counted before the kill");
    }
}
