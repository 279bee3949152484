using System.Net.Security;
using System.Security.Authentication;
using CredWatch.Exporter.Web.Security;

namespace CredWatch.Exporter.Tests.Web.Security;

public sealed class WebConfigParserTests
{
    private const string Hash = "$2b$04$C3nmuC7DKhXsbeZ1yMvKvOm1xObQwBt7ZbfFxYYnMzGfsE0Q3TvW2";

    [Fact]
    public void Parses_the_supported_exporter_toolkit_subset_and_resolves_paths_against_the_file()
    {
        var yaml = $"""
            tls_server_config:
              cert_file: certs/server.pem
              key_file: /abs/server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ../ca.pem
              min_version: TLS12
              max_version: TLS13
              cipher_suites:
                - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
              prefer_server_cipher_suites: true
            http_server_config:
              http2: false
              headers:
                Strict-Transport-Security: max-age=31536000
                X-Frame-Options: deny
            basic_auth_users:
              prometheus: {Hash}
              'grafana': "{Hash}"
            """;

        var config = WebConfigParser.Parse(yaml, "/etc/credwatch");

        config.Tls!.CertFile.Should().Be("/etc/credwatch/certs/server.pem");
        config.Tls.KeyFile.Should().Be("/abs/server.key");
        config.Tls.ClientCaFile.Should().Be("/etc/ca.pem");
        config.Tls.ClientAuthType.Should().Be(ClientAuthType.RequireAndVerifyClientCert);
        config.Tls.EnabledProtocols.Should().Be(SslProtocols.Tls12 | SslProtocols.Tls13);
        config.Tls.CipherSuites.Should().StartWith([TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384])
            .And.Contain(TlsCipherSuite.TLS_AES_128_GCM_SHA256, "TLS 1.3 suites stay enabled as in Go");
        config.Http2.Should().BeFalse();
        config.Headers.Should().Equal(
            new KeyValuePair<string, string>("Strict-Transport-Security", "max-age=31536000"),
            new KeyValuePair<string, string>("X-Frame-Options", "deny"));
        config.Users.Keys.Should().BeEquivalentTo("prometheus", "grafana");
        config.HasAuth.Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("tls_server_config:\nbasic_auth_users:\n")]
    public void An_empty_file_means_no_tls_and_no_auth(string yaml)
    {
        var config = WebConfigParser.Parse(yaml, "/tmp");

        config.Tls.Should().BeNull();
        config.HasAuth.Should().BeFalse();
        config.Http2.Should().BeTrue();
    }

    [Fact]
    public void Tls13_only_leaves_tls12_off()
    {
        var config = WebConfigParser.Parse("tls_server_config:\n  cert_file: a\n  key_file: b\n  min_version: TLS13\n", "/tmp");

        config.Tls!.EnabledProtocols.Should().Be(SslProtocols.Tls13);
    }

    [Theory]
    [InlineData("bogus: 1\n", "bogus")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  cert_flie: c\n", "tls_server_config.cert_flie")]
    [InlineData("http_server_config:\n  compress: true\n", "http_server_config.compress")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: RequireClientCert\n", "tls_server_config.client_auth_type")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  min_version: TLS10\n", "tls_server_config.min_version")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  max_version: SSL3\n", "tls_server_config.max_version")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  min_version: TLS13\n  max_version: TLS12\n", "tls_server_config.min_version")]
    [InlineData("tls_server_config:\n  key_file: b\n", "tls_server_config.cert_file")]
    [InlineData("tls_server_config:\n  cert_file: a\n", "tls_server_config.key_file")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: VerifyClientCertIfGiven\n", "tls_server_config.client_ca_file")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_FAKE_SUITE]\n", "tls_server_config.cipher_suites[1]")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  cipher_suites: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n", "tls_server_config.cipher_suites")]
    [InlineData("tls_server_config:\n  cert: inline\n", "tls_server_config.cert")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  curve_preferences: [X25519]\n", "tls_server_config.curve_preferences")]
    [InlineData("http_server_config:\n  headers:\n    Server: credwatch\n", "http_server_config.headers.Server")]
    [InlineData("http_server_config:\n  headers:\n    X-Frame-Options: allow-from x\n", "http_server_config.headers.X-Frame-Options")]
    [InlineData("http_server_config:\n  headers:\n    X-Content-Type-Options: sniff\n", "http_server_config.headers.X-Content-Type-Options")]
    [InlineData("http_server_config:\n  http2: maybe\n", "http_server_config.http2")]
    [InlineData("basic_auth_users:\n  alice: [a, b]\n", "basic_auth_users.alice")]
    [InlineData("tls_server_config: [a]\n", "tls_server_config")]
    public void Invalid_configs_are_refused_with_the_key_path_named(string yaml, string keyPath)
    {
        var act = () => WebConfigParser.Parse(yaml, "/tmp");

        act.Should().Throw<WebConfigException>()
            .Where(e => e.KeyPath == keyPath)
            .Where(e => e.Message.Contains($"'{keyPath}'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("notahash")]
    [InlineData("$1$abcdefgh$0123456789012345678901")]
    [InlineData("$2b$04$tooShortForBcrypt")]
    public void A_value_that_is_not_bcrypt_is_refused_without_echoing_it(string hash)
    {
        var act = () => WebConfigParser.Parse($"basic_auth_users:\n  alice: '{hash}'\n", "/tmp");

        var error = act.Should().Throw<WebConfigException>().Which;
        error.KeyPath.Should().Be("basic_auth_users.alice");
        error.Message.Should().NotContain(hash);
    }

    [Theory]
    [InlineData("tls_server_config:\n  cert_file: [\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("---\na: 1\n---\nb: 2\n")]
    public void Broken_yaml_is_refused_with_a_reason(string yaml)
    {
        var act = () => WebConfigParser.Parse(yaml, "/tmp");

        act.Should().Throw<WebConfigException>().Which.Message.Should().NotBeNullOrWhiteSpace();
    }
}
