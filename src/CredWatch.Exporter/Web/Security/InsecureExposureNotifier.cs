using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Web.Security;

/// <summary>Warns at every start when the endpoint is reachable beyond loopback with neither TLS nor auth.</summary>
internal sealed class InsecureExposureNotifier(
    WebConfigStore store,
    WebSecurityMetrics metrics,
    IOptions<WebSecurityOptions> options,
    ILogger<InsecureExposureNotifier> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.EnsureLoaded();
        if (metrics.InsecurelyExposed)
        {
            WebSecurityLog.InsecureExposure(logger, options.Value.ListenAddress);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
