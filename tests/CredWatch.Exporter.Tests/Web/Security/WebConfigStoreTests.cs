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
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new();
    private readonly TestPki _pki;
    private readonly ServiceProvider _services;
    private readonly MetricCollector<long> _reloads;

    public WebConfigStoreTests()
    {
        _pki = new TestPki(_dir.File("pki"));
        _pki.WriteServerCertificate(_dir.File("server.crt"), _dir.File("server.key"));
        _dir.WriteAtomic("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CredWatch:Web:ConfigFile"] = _dir.File("web.yml"),
            ["CredWatch:Web:ReloadInterval"] = "00:00:30",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(_time);
        collection.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        collection.AddCredWatchWebSecurity(configuration.GetSection("CredWatch"));
        _services = collection.BuildServiceProvider();
        _reloads = new MetricCollector<long>(_services.GetRequiredService<IMeterFactory>(), MetricNames.Meter, MetricNames.WebConfigReloads);
    }

    private WebConfigStore Store => _services.GetRequiredService<WebConfigStore>();

    private long Count(string result) => _reloads.GetMeasurementSnapshot().Where(m => Equals(m.Tags["result"], result)).Sum(m => m.Value);

    public void Dispose()
    {
        _reloads.Dispose();
        _services.Dispose();
        _pki.Dispose();
        _dir.Dispose();
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
        _dir.WriteAtomic("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_auth_type: Nope\n");

        Store.ReloadIfChanged().Should().BeFalse();
        Store.ReloadIfChanged().Should().BeFalse();

        Store.Current.Should().BeSameAs(good);
        Count("failure").Should().Be(1);
        var failures = _services.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Id == 3002).ToList();
        failures.Should().ContainSingle().Which.Message.Should().Contain("tls_server_config.client_auth_type");
    }

    [Fact]
    public void A_mismatched_key_on_rotation_keeps_serving_the_old_certificate_until_the_pair_matches()
    {
        var served = Store.Current.Tls!.ServerCertificate.Thumbprint;
        var temp = new TempDir();
        using var _ = temp;
        _pki.WriteServerCertificate(temp.File("new.crt"), temp.File("new.key"), "rotated");
        File.Copy(temp.File("new.crt"), _dir.File("server.crt"), overwrite: true);

        Store.ReloadIfChanged().Should().BeFalse("cert and key do not match yet");
        Store.Current.Tls!.ServerCertificate.Thumbprint.Should().Be(served);

        File.Copy(temp.File("new.key"), _dir.File("server.key"), overwrite: true);
        Store.ReloadIfChanged().Should().BeTrue();
        Store.Current.Tls!.ServerCertificate.Subject.Should().Be("CN=rotated");
        Store.Current.Generation.Should().Be(2);
        Count("failure").Should().Be(1);
        _services.GetFakeLogCollector().GetSnapshot().Should().NotContain(r => r.Message.Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    [Fact]
    public void Turning_tls_off_by_reload_is_refused()
    {
        Store.Current.Tls.Should().NotBeNull();
        _dir.WriteAtomic("web.yml", "http_server_config:\n  http2: true\n");

        Store.ReloadIfChanged().Should().BeFalse();

        Store.Current.Tls.Should().NotBeNull();
        Count("failure").Should().Be(1);
    }

    [Fact]
    public async Task The_reloader_polls_on_the_time_provider()
    {
        var reloader = _services.GetServices<IHostedService>().OfType<WebConfigReloader>().Single();
        _ = Store.Current;
        await reloader.StartAsync(CancellationToken.None);
        try
        {
            _dir.WriteAtomic("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  min_version: TLS13\n");

            _time.Advance(TimeSpan.FromSeconds(30));

            Store.Current.Generation.Should().Be(2);
            Store.Current.Config.Tls!.MinVersion.Should().Be(System.Security.Authentication.SslProtocols.Tls13);
        }
        finally
        {
            await reloader.StopAsync(CancellationToken.None);
        }
    }
}
