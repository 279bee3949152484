using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CredWatch.Alerts;

/// <summary>
/// The single sending loop: compose due groups, send the next message the pacer allows, sleep (on
/// TimeProvider time) until the next due moment or until new work arrives.
/// </summary>
internal sealed class AlertDispatcher(AlertEngine engine, TelegramSender sender, AlertsOptions options, TimeProvider time, ILogger<AlertDispatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan PollTick = TimeSpan.FromMilliseconds(100);

    private readonly Pacer pacer = new(options);

    // Off the caller's thread and synchronization context: the loop must never run inline in StartAsync.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => RunAsync(stoppingToken), CancellationToken.None);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled || !sender.Setup.CanSend)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                var nextCompose = engine.Compose(now);
                var (message, nextSend) = engine.NextSendable(now, pacer);
                if (message is not null)
                {
                    await SendOneAsync(message, stoppingToken);
                    continue;
                }

                var wakeAt = nextCompose < nextSend ? nextCompose : nextSend;
                var delay = wakeAt - time.GetUtcNow();
                if (delay > TimeSpan.Zero)
                {
                    Log.Idle(logger, delay);
                    await WaitAsync(delay, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug here must not end alerting for the life of the process.
                Log.LoopFailed(logger, ErrorText.Describe(ex));
                await WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    private async Task SendOneAsync(OutboxMessage message, CancellationToken ct)
    {
        var part = message.PartsSent;
        pacer.Record(message.Target, time.GetUtcNow());
        var outcome = await sender.SendAsync(message.Target, message.Parts[part], ct);
        if (outcome.Success)
        {
            engine.OnPartSent(message);
            Log.Delivered(logger, message.Id, message.Target.ToString(), message.Kinds.Count, part + 1, message.Parts.Count);
        }
        else
        {
            engine.OnFailed(message, outcome, time.GetUtcNow(), pacer);
        }
    }

    /// <summary>
    /// Sleeps until new work is signalled or at most one poll tick. Due times are always judged on
    /// TimeProvider time when the loop re-evaluates; the tick only bounds how late a due moment is
    /// noticed. (A TimeProvider timer here deadlocked against FakeTimeProvider.Advance in tests.)
    /// </summary>
    private async Task WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        var wait = delay < PollTick ? delay : PollTick;
        await engine.Signal.WaitAsync(wait, ct).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
    }
}
