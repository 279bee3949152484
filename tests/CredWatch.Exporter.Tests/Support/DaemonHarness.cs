using CredWatch.Exporter.Hosting;
using CredWatch.Exporter.Registry;
using CredWatch.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Tests.Support;

/// <summary>The real daemon (Kestrel on 127.0.0.1:0, OTel exporter, watcher) over a temp home.</summary>
internal sealed class DaemonHarness : IAsyncDisposable
{
    private DaemonHarness(WebApplication app, CapturingLoggerProvider logs)
    {
        App = app;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public CapturingLoggerProvider Logs { get; }

    public HttpClient Client { get; }

    internal StoreRegistry Registry => App.Services.GetRequiredService<StoreRegistry>();

    public static async Task<DaemonHarness> StartAsync(TempHome home, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["CredWatch:Home"] = home.Home,
            ["CredWatch:StateDir"] = home.StateDir,
            ["CredWatch:Web:ListenAddress"] = "127.0.0.1:0",
            ["CredWatch:Scan:Debounce"] = "00:00:00.050",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            overrides[k] = v;
        }

        var builder = CredWatchHost.CreateBuilder(null, overrides, LogLevel.Debug);
        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.Services.Replace(ServiceDescriptor.Singleton(home.Environment()));
        services?.Invoke(builder.Services);
        var app = CredWatchHost.BuildDaemon(builder);
        await app.StartAsync();
        return new DaemonHarness(app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
