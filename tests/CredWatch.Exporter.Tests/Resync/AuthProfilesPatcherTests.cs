using System.Text;
using CredWatch.Exporter.Resync;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Resync;

public sealed class AuthProfilesPatcherTests
{
    private static readonly ProfileTokenUpdate New = new(ResyncHome.NewAccess, ResyncHome.NewRefresh, ResyncHome.NewExpires);

    private static Dictionary<string, ProfileTokenUpdate> Update(string id = ResyncHome.Profile) => new() { [id] = New };

    [Fact]
    public void Hr_bp_fixture_changes_only_the_three_oauth_values_every_other_byte_identical()
    {
        var original = File.ReadAllText(Path.Combine(TestPaths.FixtureHome, ".openclaw/agents/hr-bp/agent/auth-profiles.json"));

        var result = AuthProfilesPatcher.Patch(Encoding.UTF8.GetBytes(original), Update());

        result.Error.Should().BeNull();
        result.Rewritten.Should().BeFalse();
        result.Profiles[ResyncHome.Profile].Should().Be(ProfilePatchStatus.Patched);
        var expected = original
            .Replace(ResyncHome.OldAccess, ResyncHome.NewAccess, StringComparison.Ordinal)
            .Replace(ResyncHome.OldRefresh, ResyncHome.NewRefresh, StringComparison.Ordinal)
            .Replace("1773427200000", "4102444800000", StringComparison.Ordinal);
        Encoding.UTF8.GetString(result.Content!).Should().Be(expected);
        Encoding.UTF8.GetString(result.Content!).Should().Contain("\"x-kept-by-user\": \"unknown fields must survive a resync\"");
    }

    [Fact]
    public void Other_profiles_and_unknown_keys_of_an_OpenClaw_formatted_store_stay_byte_identical()
    {
        // Shaped exactly like JSON.stringify(store, null, 2) + "\n", which is how OpenClaw writes it.
        const string before = """
            {
              "version": 1,
              "profiles": {
                "openrouter:default": {
                  "type": "api_key",
                  "provider": "openrouter",
                  "key": "sk-or-v1-FIXTUREapikey000000000000000000",
                  "metadata": {
                    "tier": "paid"
                  }
                },
                "anthropic:claude-cli": {
                  "type": "oauth",
                  "provider": "claude-cli",
                  "access": "OLD-A",
                  "refresh": "OLD-R",
                  "expires": 1,
                  "email": "ops@example.com",
                  "x-future": [
                    1,
                    {}
                  ]
                },
                "anthropic:work": {
                  "type": "oauth",
                  "provider": "anthropic",
                  "access": "W-A",
                  "refresh": "W-R",
                  "expires": 5
                }
              },
              "x-top": null
            }

            """;
        var result = AuthProfilesPatcher.Patch(Encoding.UTF8.GetBytes(before), Update());

        var after = Encoding.UTF8.GetString(result.Content!);
        after.Should().Be(before
            .Replace("\"OLD-A\"", $"\"{ResyncHome.NewAccess}\"", StringComparison.Ordinal)
            .Replace("\"OLD-R\"", $"\"{ResyncHome.NewRefresh}\"", StringComparison.Ordinal)
            .Replace("\"expires\": 1,", $"\"expires\": {ResyncHome.NewExpires},", StringComparison.Ordinal));
        Slice(after, "\"openrouter:default\"", "\"anthropic:claude-cli\"").Should().Be(Slice(before, "\"openrouter:default\"", "\"anthropic:claude-cli\""));
        Slice(after, "\"anthropic:work\"", "\"x-top\"").Should().Be(Slice(before, "\"anthropic:work\"", "\"x-top\""));
    }

    [Fact]
    public void A_missing_field_rewrites_like_JSON_stringify_keeping_every_key_and_order()
    {
        const string before = "{\"version\":1,\"profiles\":{\"a:b\":{\"type\":\"oauth\",\"provider\":\"anthropic\",\"access\":\"x\",\"x-u\":true}},\"order\":{\"anthropic\":[\"a:b\"]},\"empty\":{}}";

        var result = AuthProfilesPatcher.Patch(Encoding.UTF8.GetBytes(before), new Dictionary<string, ProfileTokenUpdate> { ["a:b"] = new("n/a+b", "r<1>", 7) });

        result.Rewritten.Should().BeTrue();
        // What node prints for JSON.stringify(obj, null, 2) + "\n" (no escaping of / + < >).
        Encoding.UTF8.GetString(result.Content!).Should().Be("""
            {
              "version": 1,
              "profiles": {
                "a:b": {
                  "type": "oauth",
                  "provider": "anthropic",
                  "access": "n/a+b",
                  "x-u": true,
                  "refresh": "r<1>",
                  "expires": 7
                }
              },
              "order": {
                "anthropic": [
                  "a:b"
                ]
              },
              "empty": {}
            }

            """);
    }

    [Theory]
    [InlineData("{\"version\":1,\"profiles\":{\"anthropic:claude-cli\":{\"type\":\"oauth\",\"access\":\"a\"", "torn")]
    [InlineData("[1,2]", "array")]
    [InlineData("{\"version\":1}", "no profiles")]
    [InlineData("{\"profiles\":{\"anthropic:claude-cli\":{\"type\":\"oauth\"}},\"profiles\":{}}", "duplicate profiles")]
    [InlineData("{\"profiles\":{\"anthropic:claude-cli\":{\"type\":\"oauth\",\"access\":\"a\",\"access\":\"b\",\"refresh\":\"r\",\"expires\":1}}}", "duplicate field")]
    [InlineData("{\"profiles\":{}} trailing", "trailing garbage")]
    public void Malformed_stores_yield_an_error_and_no_content(string json, string because)
    {
        var result = AuthProfilesPatcher.Patch(Encoding.UTF8.GetBytes(json), Update());

        result.Content.Should().BeNull(because);
        result.Error.Should().NotBeNullOrEmpty(because);
        result.Error!.Should().NotContain("FIXTURE");
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var bytes = new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' };

        AuthProfilesPatcher.Patch(bytes, Update()).Content.Should().BeNull();
    }

    [Fact]
    public void Non_oauth_and_missing_profiles_are_not_touched()
    {
        var main = File.ReadAllBytes(Path.Combine(TestPaths.FixtureHome, ".openclaw/agents/main/agent/auth-profiles.json"));

        var result = AuthProfilesPatcher.Patch(main, new Dictionary<string, ProfileTokenUpdate> { ["openrouter:default"] = New, ["nope:x"] = New });

        result.Content.Should().BeNull();
        result.Profiles["openrouter:default"].Should().Be(ProfilePatchStatus.NotOAuth);
        result.Profiles["nope:x"].Should().Be(ProfilePatchStatus.NotFound);
    }

    [Fact]
    public void ReadProfile_returns_the_stored_oauth_fields_and_ToString_hides_tokens()
    {
        var hr = File.ReadAllBytes(Path.Combine(TestPaths.FixtureHome, ".openclaw/agents/hr-bp/agent/auth-profiles.json"));

        var p = AuthProfilesPatcher.ReadProfile(hr, ResyncHome.Profile)!;

        p.IsOAuth.Should().BeTrue();
        p.Refresh.Should().Be(ResyncHome.OldRefresh);
        p.ExpiresAtMs.Should().Be(ResyncHome.OldExpires);
        FixtureSecrets.AssertNoSecret(p.ToString(), "StoredOAuthProfile.ToString");
        FixtureSecrets.AssertNoSecret(New.ToString(), "ProfileTokenUpdate.ToString");
    }

    private static string Slice(string s, string from, string to)
    {
        var a = s.IndexOf(from, StringComparison.Ordinal);
        var b = s.IndexOf(to, a + 1, StringComparison.Ordinal);
        return s[a..b];
    }
}
