using System.Diagnostics.Metrics;
using CredWatch.Exporter.Web.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using CredWatch.Exporter.Metrics;

namespace CredWatch.Exporter.Tests.Web.Security;

public sealed class WebConfigStoreTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly FakeTimeProvider time = new();
    private readonly TestPki pki;
    private readonly ServiceProvider services;
    private readonly MetricCollector<long> reloads;

    public WebConfigStoreTests()
    {
        pki = new TestPki(dir.File("pki"));
        pki.WriteServerCertificate(dir.File("server.crt"), dir.File("server.key"));
        dir.WriteAtomic("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CredWatch:Web:ConfigFile"] = dir.File("web.yml"),
            ["CredWatch:Web:ReloadInterval"] = "00:00:30",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(time);
        collection.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        collection.AddCredWatchWebSecurity(configuration.GetSection("CredWatch"));
        services = collection.BuildServiceProvider();
        reloads = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), MetricNames.Meter, MetricNames.WebConfigReloads);
    }

    private WebConfigStore Store => services.GetRequiredService<WebConfigStore>();

    private long Count(string result) => reloads.GetMeasurementSnapshot().Where(m => Equals(m.Tags["result"], result)).Sum(m => m.Value);

    public void Dispose()
    {
        reloads.Dispose();
        services.Dispose();
        pki.Dispose();
        dir.Dispose();
    }

    [Fact]
    public void Unchanged_files_do_not_reload()
    {
        var first = Store.Current;

        Store.ReloadIfChanged().Should().BeFalse();

        Store.Current.Should().BeSameAs(first);
        Count("success").Should().Be(1, "only the initial load");
    }

    [Fact]
    public void A_broken_file_is_reported_once_and_the_last_good_config_stays()
    {
        var good = Store.Current;
        dir.WriteAtomic("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_auth_type: Nope\n");

        Store.ReloadIfChanged().Should().BeFalse();
        Store.ReloadIfChanged().Should().BeFalse();

        Store.Current.Should().BeSameAs(good);
        Count("failure").Should().Be(1);
        var failures = services.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Id == 3002).ToList();
        failures.Should().ContainSingle().Which.Message.Should().Contain("tls_server_config.client_auth_type");
    }

    [Fact]
    public void A_mismatched_key_on_rotation_keeps_serving_the_old_certificate_until_the_pair_matches()
    {
        var served = Store.Current.Tls!.ServerCertificate.Thumbprint;
        var temp = new TempDir();
        using var _ = temp;
        pki.WriteServerCertificate(temp.File("new.crt"), temp.File("new.key"), "rotated");
        File.Copy(temp.File("new.crt"), dir.File("server.crt"), overwrite: true);

        Store.ReloadIfChanged().Should().BeFalse("cert and key do not match yet");
        Store.Current.Tls!.ServerCertificate.Thumbprint.Should().Be(served);

        File.Copy(temp.File("new.key"), dir.File("server.key"), overwrite: true);
        Store.ReloadIfChanged().Should().BeTrue();
        Store.Current.Tls!.ServerCertificate.Subject.Should().Be("CN=rotated");
        Store.Current.Generation.Should().Be(2);
        Count("failure").Should().Be(1);
        services.GetFakeLogCollector().GetSnapshot().Should().NotContain(r => r.Message.Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    [Fact]
    public void Turning_tls_off_by_reload_is_refused()
    {
        Store.Current.Tls.Should().NotBeNull();
        dir.WriteAtomic("web.yml", "http_server_config:\n  http2: true\n");

        Store.ReloadIfChanged().Should().BeFalse();

        Store.Current.Tls.Should().NotBeNull();
        Count("failure").Should().Be(1);
    }

    [Fact]
    public async Task The_reloader_polls_on_the_time_provider()
    {
        var reloader = services.GetServices<IHostedService>().OfType<WebConfigReloader>().Single();
        _ = Store.Current;
        await reloader.StartAsync(CancellationToken.None);
        try
        {
            dir.WriteAtomic("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  min_version: TLS13\n");

            time.Advance(TimeSpan.FromSeconds(30));

            Store.Current.Generation.Should().Be(2);
            Store.Current.Config.Tls!.MinVersion.Should().Be(System.Security.Authentication.SslProtocols.Tls13);
        }
        finally
        {
            await reloader.StopAsync(CancellationToken.None);
        }
    }
}
