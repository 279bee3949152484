using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CredWatch.Alerts.Delivery;

/// <summary>
/// The single sending loop: compose due groups, send the next message the pacer allows, sleep (on
/// TimeProvider time) until the next due moment or until new work arrives.
/// </summary>
internal sealed class AlertDispatcher(AlertEngine engine, TelegramSender sender, AlertsOptions options, TimeProvider time, ILogger<AlertDispatcher> logger)
    : BackgroundService
{
    private readonly Pacer _pacer = new(options);

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
                var (message, nextSend) = engine.NextSendable(now, _pacer);
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
        _pacer.Record(message.Target, time.GetUtcNow());
        engine.OnSending(message);
        var outcome = await sender.SendAsync(message.Target, message.Parts[part], ct, part == message.Parts.Count - 1 ? message.Buttons : null);
        if (outcome.Success)
        {
            engine.OnPartSent(message);
            Log.Delivered(logger, message.Id, message.Target.ToString(), message.Kinds.Count, part + 1, message.Parts.Count);
        }
        else
        {
            engine.OnFailed(message, outcome, time.GetUtcNow(), _pacer);
        }
    }

    /// <summary>Sleeps (on TimeProvider time) until the next due moment or until new work is signalled.</summary>
    private async Task WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sleep = Task.Delay(delay, time, cts.Token);
        var wake = engine.Signal.WaitAsync(cts.Token);

        // Resume on the thread pool, never inline on the thread that fired the timer or released the signal.
        await Task.WhenAny(sleep, wake).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        await cts.CancelAsync();
        try
        {
            await Task.WhenAll(sleep, wake);
        }
        catch (OperationCanceledException)
        {
            ct.ThrowIfCancellationRequested();
        }
    }
}
