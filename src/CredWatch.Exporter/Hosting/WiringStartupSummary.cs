using CredWatch.Exporter.Tasks;
using CredWatch.LogTail.Configuration;
using CredWatch.LogTail.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Hosting;

/// <summary>
/// Completes the start-up summary for the log and ledger components: which gateway log files are followed
/// and whether the task ledger was found. Waits (bounded) for each component's first pass.
/// </summary>
internal sealed class WiringStartupSummary(
    LogTailStatus logs,
    IOptions<LogTailOptions> logOptions,
    TaskLedgerMonitor ledger,
    IOptions<TaskLedgerOptions> ledgerOptions,
    TimeProvider time,
    ILogger<WiringStartupSummary> logger) : BackgroundService
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var logsDone = false;
        var ledgerDone = false;
        var waited = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            var last = waited >= Limit;
            if (!logsDone && (logs.FollowedFiles.Count > 0 || last || !logOptions.Value.Enabled))
            {
                SummariseLogs();
                logsDone = true;
            }

            if (!ledgerDone && (ledger.Current.LastPassAt is not null || last || !ledgerOptions.Value.Enabled))
            {
                SummariseLedger();
                ledgerDone = true;
            }

            if (logsDone && ledgerDone)
            {
                return;
            }

            await Task.Delay(Step, time, stoppingToken);
            waited += Step;
        }
    }

    private void SummariseLogs()
    {
        if (!logOptions.Value.Enabled)
        {
            Log.LogTailDisabled(logger);
            return;
        }

        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var files = logs.FollowedFiles;
        if (files.Count > 0)
        {
            var list = string.Join(", ", files);
            Log.LogFilesFollowed(logger, files.Count, list);
            return;
        }

        var globs = logOptions.Value.Paths.Concat(logOptions.Value.ExtraFiles).ToList();
        var described = globs.Count == 0 ? "the default /tmp/openclaw*/openclaw-*.log" : string.Join(", ", globs);
        Log.NoLogFiles(logger, described);
    }

    private void SummariseLedger()
    {
        if (!ledgerOptions.Value.Enabled)
        {
            Log.LedgerDisabled(logger);
            return;
        }

        var s = ledger.Current;
        if (s.Up)
        {
            Log.LedgerFound(logger, s.DatabasePath ?? "?", s.TotalTasks, s.Results.Count);
        }
        else
        {
            Log.LedgerNotFound(logger, s.DatabasePath ?? ledgerOptions.Value.StateDatabase ?? "?", s.Reason ?? "no pass yet");
        }
    }
}
