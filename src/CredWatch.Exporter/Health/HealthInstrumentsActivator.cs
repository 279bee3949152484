using Microsoft.Extensions.Hosting;

namespace CredWatch.Exporter.Health;

/// <summary>
/// Creates the health instruments and subscribes the monitor to registry changes when the daemon starts, so
/// nobody has to remember to resolve them before the first scrape (observable instruments exist only once built).
/// </summary>
internal sealed class HealthInstrumentsActivator(HealthMetrics metrics, ProfileHealthMonitor monitor) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(metrics);
        GC.KeepAlive(monitor);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
