using System.Text;
using CredWatch.Exporter.Web.Security;
using CredWatch.Exporter.Tests.Support;
using Xunit.Abstractions;

namespace CredWatch.Exporter.Tests.Web.Security;

/// <summary>
/// The web config parser over seeded hostile input: mutated valid configs, arbitrary bytes, YAML alias and nesting
/// bombs, oversized files. Each either parses or is refused with a <see cref="WebConfigException"/> that says why;
/// nothing else escapes, and no message echoes a password hash.
/// </summary>
public sealed class WebConfigParserFuzzTests(ITestOutputHelper output)
{
    public const int Inputs = 6000;

    private const string Hash = "$2b$04$C3nmuC7DKhXsbeZ1yMvKvOm1xObQwBt7ZbfFxYYnMzGfsE0Q3TvW2";

    private static readonly string Valid = $"""
        tls_server_config:
          cert_file: certs/server.pem
          key_file: /abs/server.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: ../ca.pem
          min_version: TLS12
          cipher_suites:
            - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
        http_server_config:
          http2: false
          headers:
            X-Frame-Options: deny
        basic_auth_users:
          prometheus: {Hash}
          'grafana': "{Hash}"
        """;

    private static readonly string[] YamlBits =
    [
        ":", ": ", "-", "- ", "&a ", "*a", "!!str ", "!x ", "[", "]", "{", "}", "'", "\"", "\n", "\n  ", " ", "\t", "#", "%YAML 1.2\n", "|", ">", "?", "@",
        "`", "\0", "\\", ",", "---\n", "...\n", "<<: *a\n", "\u00e9", "\ud83d\ude00", "\ud800", "\ufeff", "\r", "~", "null", "0x", "1e9",
    ];

    [Fact]
    public void Hostile_input_parses_or_is_refused_with_a_reason_never_an_exception()
    {
        var rng = new Random(20);
        var refused = 0;
        for (var n = 0; n < Inputs; n++)
        {
            var yaml = (n % 4) switch
            {
                0 or 1 => Mutate(Valid, rng),
                2 => Encoding.UTF8.GetString(RandomBytes(rng)),
                _ => Bomb(rng),
            };

            switch (Outcome(yaml))
            {
                case WebConfigException ex:
                    refused++;
                    ex.Message.Should().NotBeNullOrWhiteSpace($"input {n}");
                    ex.Message.Should().NotContain(Hash[7..], $"input {n}: a refusal never echoes a hash");
                    break;
                case { } other:
                    throw new InvalidOperationException($"input {n} raised {other.GetType().Name}: {Show(yaml)}", other);
            }
        }

        output.WriteLine($"{Inputs} hostile web configs, {refused} refused with a reason, {Inputs - refused} parsed, no other exception");
        refused.Should().BeGreaterThan(Inputs / 2);
    }

    [Fact]
    public void Alias_bombs_and_anchors_are_refused_by_name()
    {
        var laughs = new StringBuilder("a0: &a0 [\"lol\"]\n");
        for (var i = 1; i < 30; i++)
        {
            laughs.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        Refusal(laughs.ToString()).Should().Contain("anchor");
        Refusal("x: *undefined\n").Should().Contain("alias");
        Refusal($"basic_auth_users: &users\n  prometheus: {Hash}\n").Should().Contain("anchor");
        Refusal("http_server_config:\n  http2: &t true\nx: *t\n").Should().Contain("anchor");
    }

    [Fact]
    public void Nesting_bombs_are_refused_by_name()
    {
        Refusal(new string('[', 30_000) + new string(']', 30_000)).Should().Contain("nest");
        Refusal(new string('{', 50_000)).Should().Contain("nest");
        var block = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            block.Append(' ', i).Append("k:\n");
        }

        Refusal("http_server_config:\n" + block.ToString().Replace("\n", "\n  ", StringComparison.Ordinal)).Should().Contain("nest");
    }

    [Fact]
    public void An_oversized_config_is_refused_before_it_is_parsed()
    {
        var big = "# " + new string('x', WebConfigParser.MaxBytes) + "\n";

        Refusal(big).Should().Contain("larger than");

        using var home = new TempHome();
        var path = Path.Combine(home.Root, "web.yml");
        File.WriteAllText(path, big);
        var act = () => WebConfigStore.Load(path);
        act.Should().Throw<WebConfigException>().Which.Message.Should().Contain("larger than");
    }

    private static string Refusal(string yaml) =>
        Outcome(yaml).Should().BeOfType<WebConfigException>().Which.Message;

    private static Exception? Outcome(string yaml)
    {
        try
        {
            WebConfigParser.Parse(yaml, "/tmp");
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static string Mutate(string text, Random rng)
    {
        var sb = new StringBuilder(text);
        for (var k = rng.Next(1, 6); k > 0; k--)
        {
            var at = rng.Next(sb.Length + 1);
            switch (rng.Next(3))
            {
                case 0:
                    sb.Insert(at, YamlBits[rng.Next(YamlBits.Length)]);
                    break;
                case 1 when at < sb.Length:
                    sb.Remove(at, Math.Min(rng.Next(1, 20), sb.Length - at));
                    break;
                default:
                    if (at < sb.Length)
                    {
                        sb[at] = (char)rng.Next(1, 0x250);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private static byte[] RandomBytes(Random rng)
    {
        var bytes = new byte[rng.Next(0, 2000)];
        rng.NextBytes(bytes);
        return bytes;
    }

    private static string Bomb(Random rng)
    {
        var depth = rng.Next(20, 5000);
        return rng.Next(4) switch
        {
            0 => "basic_auth_users: " + new string('[', depth) + new string(']', rng.Next(2) == 0 ? depth : 0),
            1 => "http_server_config:\n  headers: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth),
            2 => "x: &a [1]\n" + string.Concat(Enumerable.Range(0, rng.Next(1, 50)).Select(i => $"y{i}: &b{i} [*a, *a, *a]\n")),
            _ => string.Concat(Enumerable.Range(0, rng.Next(1, 200)).Select(i => new string(' ', i) + "- ")) + "x",
        };
    }

    private static string Show(string yaml) => yaml.Length > 300 ? yaml[..300] + "…" : yaml;
}
