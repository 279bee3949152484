using System.Text.Json.Nodes;
using CredWatch.Exporter.OpenClaw;

namespace CredWatch.Exporter.Tests.OpenClaw;

public sealed class Json5ReaderTests
{
    [Fact]
    public void Reads_every_json5_feature_openclaw_configs_use()
    {
        const string text = """
            // OpenClaw config
            {
              /* block
                 comment */
              channels: {
                telegram: {
                  botToken: 'single \'quoted\' "x"',
                  $weird_key1: 0x1F,
                  neg: -0x10,
                  plus: +5,
                  frac: .5,
                  trail: 5.,
                  exp: 1e3,
                  inf: Infinity,
                  multi: 'line \
            continued',
                  esc: "\x41\u0042\t",
                  "quoted": [1, 2, 3,],
                  empty: {},
                },
              },
            }
            """;
        var root = Json5Reader.Parse(text)!.AsObject();
        var tg = root["channels"]!["telegram"]!;
        ((string)tg["botToken"]!).Should().Be("single 'quoted' \"x\"");
        ((int)tg["$weird_key1"]!).Should().Be(31);
        ((int)tg["neg"]!).Should().Be(-16);
        ((int)tg["plus"]!).Should().Be(5);
        ((double)tg["frac"]!).Should().Be(0.5);
        ((double)tg["trail"]!).Should().Be(5);
        ((double)tg["exp"]!).Should().Be(1000);
        tg["inf"].Should().BeNull();
        ((string)tg["multi"]!).Should().Be("line continued");
        ((string)tg["esc"]!).Should().Be("AB\t");
        tg["quoted"]!.AsArray().Should().HaveCount(3);
        tg["empty"].Should().BeOfType<JsonObject>();
    }

    [Theory]
    [InlineData("{a: 'unterminated}")]
    [InlineData("{a: /* open")]
    [InlineData("{a: FIXTUREbotsecret}")]
    [InlineData("{a: 1 # }")]
    public void Bad_input_is_a_format_error_that_never_quotes_content(string text)
    {
        var act = () => Json5Reader.ToJson(text);
        act.Should().Throw<FormatException>().Which.Message.Should().NotContain("FIXTURE").And.Contain("offset");
    }

    [Fact]
    public void Comment_markers_inside_strings_are_kept()
    {
        var node = Json5Reader.Parse("{url: 'http://x//y/*z*/', b: \"a,}\"}")!;
        ((string)node["url"]!).Should().Be("http://x//y/*z*/");
        ((string)node["b"]!).Should().Be("a,}");
    }

    [Theory]
    [InlineData("${TOKEN_A}", "tok")]
    [InlineData("pre-${TOKEN_A}-post", "pre-tok-post")]
    [InlineData("$${TOKEN_A}", "${TOKEN_A}")]
    [InlineData("${lower}", "${lower}")]
    [InlineData("$5 and $", "$5 and $")]
    public void Env_substitution_follows_openclaw(string input, string expected)
    {
        EnvSubstitution.Substitute(input, n => n == "TOKEN_A" ? "tok" : null, out var missing).Should().Be(expected);
        missing.Should().BeNull();
    }

    [Fact]
    public void Missing_env_var_is_reported_by_name()
    {
        EnvSubstitution.Substitute("${NOPE_X}", _ => null, out var missing).Should().BeNull();
        missing.Should().Be("NOPE_X");
    }
}
