using Microsoft.Extensions.Hosting;

namespace CredWatch.Exporter.Metrics;

/// <summary>
/// Resolves <typeparamref name="T"/> when the daemon starts, so nobody has to remember to before the first scrape
/// (observable instruments exist, and monitors subscribe to registry changes, only once built).
/// </summary>
internal sealed class InstrumentsActivator<T>(T service) : IHostedService
    where T : class
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(service);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
