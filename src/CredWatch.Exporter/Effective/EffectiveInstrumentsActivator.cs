using Microsoft.Extensions.Hosting;

namespace CredWatch.Exporter.Effective;

/// <summary>Builds the effective-credential instrument when the daemon starts (observable instruments exist only once built).</summary>
internal sealed class EffectiveInstrumentsActivator(EffectiveCredentialMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(metrics);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
