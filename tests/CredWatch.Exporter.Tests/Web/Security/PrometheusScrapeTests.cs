using System.Diagnostics.Metrics;
using CredWatch.Exporter.Web.Security;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Prometheus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using CredWatch.Exporter.Metrics;

namespace CredWatch.Exporter.Tests.Web.Security;

/// <summary>The real Prometheus scrapes CredWatch the way a remote user would: TLS, client cert, basic auth.</summary>
public sealed class PrometheusScrapeTests : IDisposable
{
    private const string Password = "prom-scrape-FIXTUREweb-pw";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [RequiresBinariesFact(PromBinaries.Prometheus)]
    public async Task Prometheus_scrapes_over_tls_with_basic_auth_and_a_client_certificate()
    {
        using var pki = new TestPki(_dir.File("pki"));
        pki.WriteServerCertificate(_dir.File("server.crt"), _dir.File("server.key"));
        pki.WriteClientCertificate(_dir.File("client.crt"), _dir.File("client.key"));
        var hash = HashPasswordCommand.HashPassword(Password);
        var webConfig = _dir.WriteAtomic("web-config.yml", $"""
            # the same file node_exporter takes
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: pki/ca.pem
            basic_auth_users:
              prometheus: {hash}
            """);
        await using var host = await SecureTestHost.StartAsync(webConfig);
        using var failures = new MetricCollector<long>(host.App.Services.GetRequiredService<IMeterFactory>(), MetricNames.Meter, MetricNames.HttpAuthFailures);
        var target = host.BaseAddress.Authority;
        File.WriteAllText(_dir.File("password"), Password);

        string Job(string name, string passwordFile) => $"""
              - job_name: {name}
                scheme: https
                basic_auth:
                  username: prometheus
                  password_file: {passwordFile}
                tls_config:
                  ca_file: {pki.CaFile}
                  cert_file: {_dir.File("client.crt")}
                  key_file: {_dir.File("client.key")}
                static_configs:
                  - targets: ['{target}']
            """;
        File.WriteAllText(_dir.File("wrong-password"), "not-the-password");
        var prometheusConfig = $"""
            global:
              # generous: a wrong password costs a full bcrypt plus the failure delay on a busy 2-core box
              scrape_interval: 2s
              scrape_timeout: 2s
            scrape_configs:
            {Job("credwatch", _dir.File("password"))}
            {Job("credwatch-wrong-password", _dir.File("wrong-password"))}
            """;

        await using var prometheus = await PrometheusServer.StartWithConfigAsync(prometheusConfig);

        (string Job, string Health, string? LastError)? good = null, bad = null;
        await Eventually.UntilAsync(
            async () =>
            {
                var targets = await prometheus.GetTargetsAsync();
                good = targets.FirstOrDefault(t => t.Job == "credwatch");
                bad = targets.FirstOrDefault(t => t.Job == "credwatch-wrong-password");
                return good?.Health == "up" && bad?.Health == "down" && (bad?.LastError ?? string.Empty).Contains("401", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(90),
            $"good target up, wrong-password target down with 401; now good={good}, bad={bad}; prometheus log: {prometheus.Output}");

        await Eventually.UntilAsync(async () => (await prometheus.QueryAsync("credwatch_dummy_metric{job=\"credwatch\"}")).Samples.Count == 1, TimeSpan.FromSeconds(30), "scraped sample stored");
        failures.GetMeasurementSnapshot().Where(m => Equals(m.Tags["reason"], "invalid_credentials")).Should().NotBeEmpty();
        FixtureSecrets.AssertNoSecret(host.AllLogText(), "CredWatch logs", [Password, hash, hash[7..]]);
        FixtureSecrets.AssertNoSecret(prometheus.Output, "prometheus log", [Password]);
    }
}
