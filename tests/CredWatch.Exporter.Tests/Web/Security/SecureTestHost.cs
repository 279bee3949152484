using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CredWatch.Exporter.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CredWatch.Exporter.Tests.Web.Security;

/// <summary>
/// A real WebApplication on 127.0.0.1 (random port) wired exactly like the host will:
/// <c>AddCredWatchWebSecurity</c> + <c>UseCredWatchWebSecurity</c>, with dummy /metrics, /healthz, /readyz, /api/status.
/// Logs are collected in memory (FakeLogger) so tests can scan them for secrets.
/// </summary>
public sealed class SecureTestHost : IAsyncDisposable
{
    public const string MetricsBody = "credwatch_dummy_metric 1\n";

    private SecureTestHost(WebApplication app) => App = app;

    public WebApplication App { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    public static WebApplication Build(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings.Select(kv => new KeyValuePair<string, string?>("CredWatch:" + kv.Key, kv.Value)));
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddFakeLogging();
        builder.Services.AddCredWatchWebSecurity(builder.Configuration.GetSection("CredWatch"));
        var app = builder.Build();
        app.UseCredWatchWebSecurity();
        app.MapGet("/metrics", () => Results.Text(MetricsBody, "text/plain; version=0.0.4; charset=utf-8", Encoding.UTF8));
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => Results.Text("ready\n"));
        app.MapGet("/api/status", () => Results.Text("{}", "application/json"));
        return app;
    }

    public static async Task<SecureTestHost> StartAsync(string? configFile, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Web:ListenAddress"] = "127.0.0.1:0",
            ["Web:ConfigFile"] = configFile,
            ["Web:AuthFailureDelay"] = "00:00:00.050",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = new SecureTestHost(Build(settings));
        await host.App.StartAsync();
        var address = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        host.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return host;
    }

    /// <summary>A client on a fresh connection pool that trusts <paramref name="ca"/> and reports the server certificate it saw.</summary>
    public HttpClient Client(X509Certificate2? ca = null, X509Certificate2? clientCertificate = null, Action<X509Certificate2>? onServerCertificate = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null || ca is null)
            {
                return false;
            }

            var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            onServerCertificate?.Invoke(server);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(server);
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public string AllLogText() => string.Join(
        "\n",
        Logs.GetSnapshot().Select(r => $"{r.Level} {r.Category} {r.Id} {r.Message} {r.Exception}"));

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
