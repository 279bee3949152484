using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Polls the ledger on <see cref="TaskLedgerOptions.PollInterval"/> through <see cref="TimeProvider"/>.
/// Polling (not a file watcher) on purpose: an unchanged database costs one <c>PRAGMA data_version</c>,
/// and the time-based reasons (stuck_pending, stale_running) need a clock tick anyway.
/// </summary>
internal sealed class TaskLedgerService(
    TaskLedgerMonitor monitor,
    TaskLedgerMetrics metrics,
    IOptions<TaskLedgerOptions> options,
    TimeProvider time,
    ILogger<TaskLedgerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = metrics; // created with the service so the instruments exist from the first scrape
        if (!options.Value.Enabled)
        {
            TaskLog.Disabled(logger);
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            do
            {
                try
                {
                    // The reader is synchronous SQLite: keep it off the host's startup path.
                    await Task.Run(() => monitor.PassAsync(full: false, stoppingToken), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    TaskLog.PassCrashed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }
}
