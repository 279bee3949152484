using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using CredWatch.Exporter.Web.Security;
using CredWatch.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using CredWatch.Exporter.Metrics;

namespace CredWatch.Exporter.Tests.Web.Security;

/// <summary>A real Kestrel on 127.0.0.1 behind the web security hook, exercised over real sockets.</summary>
public sealed class WebSecurityHostTests : IDisposable
{
    private const string User = "prometheus";
    private const string Password = "scrape-Pa55word-FIXTUREweb";
    private static readonly string PasswordHash = HashPasswordCommand.HashPassword(Password, 4);

    private readonly TempDir _dir = new();
    private readonly TestPki _pki;

    public WebSecurityHostTests()
    {
        _pki = new TestPki(_dir.File("pki"));
    }

    public void Dispose()
    {
        _pki.Dispose();
        _dir.Dispose();
    }

    private static MetricCollector<long> Collect(SecureTestHost host, string instrument) =>
        new(host.App.Services.GetRequiredService<IMeterFactory>(), MetricNames.Meter, instrument);

    private static long Sum(MetricCollector<long> collector, string tag, string value) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags[tag], value)).Sum(m => m.Value);

    private void AssertNoCredentialInLogs(SecureTestHost host, params string[] more)
    {
        var header = SecureTestHost.Basic(User, Password).Parameter!;
        FixtureSecrets.AssertNoSecret(host.AllLogText(), "web security logs", [Password, PasswordHash, PasswordHash[7..], header, .. more]);
    }

    [Fact]
    public async Task Basic_auth_guards_every_path_but_health_and_counts_failures()
    {
        var config = _dir.WriteAtomic("web.yml", $"basic_auth_users:\n  {User}: '{PasswordHash}'\n");
        await using var host = await SecureTestHost.StartAsync(config);
        using var failures = Collect(host, MetricNames.HttpAuthFailures);
        using var client = host.Client();

        var none = await client.GetAsync("metrics");
        none.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        none.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Basic" && h.Parameter!.Contains("realm=", StringComparison.Ordinal));

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { Authorization = SecureTestHost.Basic(User, "not-the-password") } };
        (await client.SendAsync(wrong)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var wrongUser = new HttpRequestMessage(HttpMethod.Get, "api/status") { Headers = { Authorization = SecureTestHost.Basic("admin", Password) } };
        (await client.SendAsync(wrongUser)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        for (var i = 0; i < 3; i++)
        {
            using var right = new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { Authorization = SecureTestHost.Basic(User, Password) } };
            var ok = await client.SendAsync(right);
            ok.StatusCode.Should().Be(HttpStatusCode.OK);
            (await ok.Content.ReadAsStringAsync()).Should().Be(SecureTestHost.MetricsBody);
        }

        (await client.GetAsync("healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("api/status")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        Sum(failures, "reason", "missing").Should().Be(2);
        Sum(failures, "reason", "invalid_credentials").Should().Be(2);
        host.App.Services.GetRequiredService<BasicAuthenticator>().CachedEntries.Should().Be(1, "three good scrapes, one bcrypt");
        host.AllLogText().Should().Contain("invalid_credentials");
        AssertNoCredentialInLogs(host);
    }

    [Fact]
    public async Task Unauthenticated_paths_are_configurable()
    {
        var config = _dir.WriteAtomic("web.yml", $"basic_auth_users:\n  {User}: '{PasswordHash}'\n");
        await using var host = await SecureTestHost.StartAsync(config, new Dictionary<string, string?> { ["Web:UnauthenticatedPaths:0"] = "/metrics" });
        using var client = host.Client();

        (await client.GetAsync("metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("healthz")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the list replaces the default");
    }

    [Fact]
    public async Task Https_serves_the_configured_certificate_and_headers()
    {
        var server = _pki.WriteServerCertificate(_dir.File("server.crt"), _dir.File("server.key"));
        var config = _dir.WriteAtomic("web.yml", $"""
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            http_server_config:
              headers:
                Strict-Transport-Security: max-age=31536000; includeSubDomains
                X-Content-Type-Options: nosniff
            basic_auth_users:
              {User}: '{PasswordHash}'
            """);
        await using var host = await SecureTestHost.StartAsync(config);
        host.BaseAddress.Scheme.Should().Be("https");
        string? seen = null;
        using var client = host.Client(_pki.Ca, onServerCertificate: c => seen = c.Thumbprint);

        var health = await client.GetAsync("healthz");
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { Authorization = SecureTestHost.Basic(User, Password) } };
        var metrics = await client.SendAsync(request);
        var denied = await client.GetAsync("metrics");

        health.StatusCode.Should().Be(HttpStatusCode.OK);
        metrics.StatusCode.Should().Be(HttpStatusCode.OK);
        denied.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        seen.Should().Be(server.Thumbprint);
        foreach (var response in new[] { health, metrics, denied })
        {
            response.Headers.GetValues("Strict-Transport-Security").Should().Equal("max-age=31536000; includeSubDomains");
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        }

        AssertNoCredentialInLogs(host);
    }

    [Theory]
    [InlineData("", "2.0")]
    [InlineData("http_server_config:\n  http2: false\n", "1.1")]
    public async Task Http2_is_offered_unless_switched_off(string extraYaml, string expectedVersion)
    {
        _pki.WriteServerCertificate(_dir.File("server.crt"), _dir.File("server.key"));
        var config = _dir.WriteAtomic("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n" + extraYaml);
        await using var host = await SecureTestHost.StartAsync(config);
        using var client = host.Client(_pki.Ca);
        using var request = new HttpRequestMessage(HttpMethod.Get, "healthz")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Version.Should().Be(Version.Parse(expectedVersion));
    }

    [Fact]
    public async Task Plain_http_is_refused_on_a_tls_listener()
    {
        _pki.WriteServerCertificate(_dir.File("server.crt"), _dir.File("server.key"));
        var config = _dir.WriteAtomic("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
        await using var host = await SecureTestHost.StartAsync(config);
        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var act = async () => await plain.GetAsync(new Uri("http://" + host.BaseAddress.Authority + "/metrics"));

        (await act.Should().ThrowAsync<Exception>()).Which.Should().Match<Exception>(e => e is HttpRequestException || e is IOException);
    }

    [Fact]
    public async Task RequireAndVerifyClientCert_admits_only_clients_with_a_certificate_from_the_ca()
    {
        _pki.WriteServerCertificate(_dir.File("server.crt"), _dir.File("server.key"));
        var client = _pki.WriteClientCertificate(_dir.File("client.crt"), _dir.File("client.key"));
        using var otherPki = new TestPki(_dir.File("other"));
        var stranger = otherPki.WriteClientCertificate(_dir.File("stranger.crt"), _dir.File("stranger.key"));
        var config = _dir.WriteAtomic("web.yml", """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: pki/ca.pem
            """);
        await using var host = await SecureTestHost.StartAsync(config);
        using var failures = Collect(host, MetricNames.HttpAuthFailures);

        using var withCert = host.Client(_pki.Ca, client);
        (await withCert.GetAsync("metrics")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var withoutCert = host.Client(_pki.Ca);
        var noCert = async () => await withoutCert.GetAsync("metrics");
        await noCert.Should().ThrowAsync<HttpRequestException>();

        using var withStranger = host.Client(_pki.Ca, stranger);
        var strangerCert = async () => await withStranger.GetAsync("metrics");
        await strangerCert.Should().ThrowAsync<HttpRequestException>();

        await Eventually.Until(() => Sum(failures, "reason", "client_cert") >= 2, TimeSpan.FromSeconds(30), "refused handshakes counted");
    }

    [Fact]
    public async Task VerifyClientCertIfGiven_admits_anonymous_clients_but_not_foreign_certificates()
    {
        _pki.WriteServerCertificate(_dir.File("server.crt"), _dir.File("server.key"));
        using var otherPki = new TestPki(_dir.File("other"));
        var stranger = otherPki.WriteClientCertificate(_dir.File("stranger.crt"), _dir.File("stranger.key"));
        var config = _dir.WriteAtomic("web.yml", $"tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_auth_type: VerifyClientCertIfGiven\n  client_ca_file: {_pki.CaFile}\n");
        await using var host = await SecureTestHost.StartAsync(config);

        using var anonymous = host.Client(_pki.Ca);
        (await anonymous.GetAsync("metrics")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var withStranger = host.Client(_pki.Ca, stranger);
        var act = async () => await withStranger.GetAsync("metrics");
        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task A_certificate_swapped_on_disk_is_served_to_new_connections_without_restart()
    {
        var first = _pki.WriteServerCertificate(_dir.File("server.crt"), _dir.File("server.key"), "first");
        var config = _dir.WriteAtomic("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
        await using var host = await SecureTestHost.StartAsync(config);
        using var reloads = Collect(host, MetricNames.WebConfigReloads);

        async Task<string?> ServedThumbprint()
        {
            string? seen = null;
            using var client = host.Client(_pki.Ca, onServerCertificate: c => seen = c.Thumbprint);
            (await client.GetAsync("healthz")).EnsureSuccessStatusCode();
            return seen;
        }

        (await ServedThumbprint()).Should().Be(first.Thumbprint);

        // Rotation the way certbot-like tools do it: two plain writes, cert first.
        var second = _pki.WriteServerCertificate(_dir.File("server.crt"), _dir.File("server.key"), "second");

        await Eventually.UntilAsync(async () => await ServedThumbprint() == second.Thumbprint, TimeSpan.FromSeconds(60), "rotated certificate served");
        Sum(reloads, "result", "success").Should().BeGreaterThan(0);
        host.AllLogText().Should().Contain("reloaded");
        host.AllLogText().Should().NotContain("PRIVATE KEY");
    }

    [Fact]
    public async Task Users_are_reloaded_and_a_broken_reload_keeps_the_last_good_config()
    {
        var config = _dir.WriteAtomic("web.yml", $"basic_auth_users:\n  {User}: '{PasswordHash}'\n");
        await using var host = await SecureTestHost.StartAsync(config);
        using var reloads = Collect(host, MetricNames.WebConfigReloads);
        using var client = host.Client();

        async Task<HttpStatusCode> Get(string user, string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "metrics") { Headers = { Authorization = SecureTestHost.Basic(user, password) } };
            return (await client.SendAsync(request)).StatusCode;
        }

        (await Get(User, Password)).Should().Be(HttpStatusCode.OK);

        const string NewPassword = "rotated-FIXTUREweb-2";
        var newHash = HashPasswordCommand.HashPassword(NewPassword, 4);
        _dir.WriteAtomic("web.yml", $"basic_auth_users:\n  grafana: '{newHash}'\n");
        await Eventually.UntilAsync(async () => await Get("grafana", NewPassword) == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "new user admitted");
        (await Get(User, Password)).Should().Be(HttpStatusCode.Unauthorized, "the removed user's cached success is dropped with the reload");

        _dir.WriteAtomic("web.yml", $"basic_auth_users:\n  grafana: '{newHash}'\nbasic_auth_userz: {{}}\n");
        await Eventually.Until(() => Sum(reloads, "result", "failure") >= 1, TimeSpan.FromSeconds(60), "broken reload counted");
        (await Get("grafana", NewPassword)).Should().Be(HttpStatusCode.OK, "the last good config stays in force");
        host.AllLogText().Should().Contain("basic_auth_userz");
        AssertNoCredentialInLogs(host, NewPassword, newHash, newHash[7..]);
    }

    public static TheoryData<string, string> InvalidConfigs => new()
    {
        { "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_auth_type: Sometimes\n", "tls_server_config.client_auth_type" },
        { "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  unknown_option: 1\n", "tls_server_config.unknown_option" },
        { "basic_auth_users:\n  alice: plaintext-password\n", "basic_auth_users.alice" },
        { "tls_server_config:\n  cert_file: missing.crt\n  key_file: server.key\n", "tls_server_config.cert_file" },
        { "tls_server_config:\n  cert_file: server.crt\n  key_file: other.key\n", "tls_server_config.cert_file" },
        { "web_server_config: {}\n", "web_server_config" },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public async Task An_invalid_web_config_refuses_the_start_naming_the_key(string yaml, string key)
    {
        _pki.WriteServerCertificate(_dir.File("server.crt"), _dir.File("server.key"));
        _pki.WriteServerCertificate(_dir.File("other.crt"), _dir.File("other.key"));
        var config = _dir.WriteAtomic("web.yml", yaml);
        var app = SecureTestHost.Build(new Dictionary<string, string?> { ["Web:ListenAddress"] = "127.0.0.1:0", ["Web:ConfigFile"] = config });
        await using var _ = app;

        var act = async () => await app.StartAsync();

        var error = (await act.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Message.Should().Contain($"'{key}'");
        error.Message.Should().NotContain("plaintext-password");
    }

    [Theory]
    [InlineData("Web:ListenAddress", "9797")]
    [InlineData("Web:ListenAddress", "example.com:9797")]
    [InlineData("Web:ConfigFile", "/nonexistent/credwatch-web.yml")]
    [InlineData("Web:UnauthenticatedPaths", "healthz")]
    [InlineData("Web:ReloadInterval", "soon")]
    public async Task Invalid_options_refuse_the_start(string key, string value)
    {
        var settings = new Dictionary<string, string?> { ["Web:ListenAddress"] = "127.0.0.1:0", [key] = value };
        var app = SecureTestHost.Build(settings);
        await using var _ = app;

        var act = async () => await app.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(key.Split(':')[1]);
    }

    [Theory]
    [InlineData("0.0.0.0:9797", false, 1)]
    [InlineData("[::]:9797", false, 1)]
    [InlineData(":9797", false, 1)]
    [InlineData("192.0.2.10:9797", false, 1)]
    [InlineData("192.0.2.10:9797", true, 0)]
    [InlineData("127.0.0.1:9797", false, 0)]
    [InlineData("[::1]:9797", false, 0)]
    [InlineData("localhost:9797", false, 0)]
    public async Task A_non_loopback_bind_without_web_config_warns_at_start_and_sets_the_gauge(string listen, bool withAuth, int expected)
    {
        // Kestrel itself is not started: tests bind to 127.0.0.1 only. The start-time
        // services the host runs are, and they alone decide the warning and the gauge.
        string? config = withAuth ? _dir.WriteAtomic("web.yml", $"basic_auth_users:\n  {User}: '{PasswordHash}'\n") : null;
        var app = SecureTestHost.Build(new Dictionary<string, string?> { ["Web:ListenAddress"] = listen, ["Web:ConfigFile"] = config });
        await using var _ = app;
        using var gauge = new MetricCollector<int>(app.Services.GetRequiredService<IMeterFactory>(), MetricNames.Meter, MetricNames.WebInsecureExposed);
        app.Services.GetRequiredService<IOptions<WebSecurityOptions>>().Value.ListenAddress.Should().Be(listen);

        foreach (var service in app.Services.GetServices<IHostedService>().OfType<InsecureExposureNotifier>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        gauge.RecordObservableInstruments();
        gauge.LastMeasurement!.Value.Should().Be(expected);
        var warnings = app.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Id == 3003).ToList();
        warnings.Should().HaveCount(expected);
        if (expected == 1)
        {
            warnings[0].Level.Should().Be(Microsoft.Extensions.Logging.LogLevel.Warning);
            warnings[0].Message.Should().Contain(listen);
        }
    }

    [Fact]
    public async Task The_served_certificate_expiry_is_exported()
    {
        var server = _pki.WriteServerCertificate(_dir.File("server.crt"), _dir.File("server.key"));
        var config = _dir.WriteAtomic("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
        await using var host = await SecureTestHost.StartAsync(config);
        using var expiry = Collect(host, MetricNames.WebTlsCertExpiry);

        expiry.RecordObservableInstruments();

        expiry.LastMeasurement!.Value.Should().Be(new DateTimeOffset(server.NotAfter.ToUniversalTime()).ToUnixTimeSeconds());
    }
}
