using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// A loopback HTTP server whose /metrics serves a settable exposition (see <see cref="SampleExposition"/>):
/// the scrape target for rules/dashboard tests until the real CredWatch host is scraped instead.
/// </summary>
internal sealed class StaticMetricsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile string _body = string.Empty;

    private StaticMetricsEndpoint(WebApplication app) => _app = app;

    public string HostPort { get; private set; } = string.Empty;

    public string Body
    {
        get => _body;
        set => _body = value;
    }

    public static async Task<StaticMetricsEndpoint> StartAsync(string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new StaticMetricsEndpoint(app) { Body = body };
        app.MapGet("/metrics", () => Results.Text(endpoint.Body, "text/plain; version=0.0.4; charset=utf-8"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        endpoint.HostPort = new Uri(address).Authority;
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
