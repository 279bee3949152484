using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// Logs the address the listener really bound once the server is up: with <c>--web.listen-address 127.0.0.1:0</c>
/// this line is the only place the chosen port is told.
/// </summary>
internal sealed class ListeningAnnouncer(IServer server, IHostApplicationLifetime lifetime, ILogger<ListeningAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                WebSecurityLog.ListeningOn(logger, address);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
