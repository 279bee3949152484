using System.Text.Json.Nodes;
using CredWatch.TestSupport.OpenClaw;

namespace CredWatch.Exporter.Tests.RealOpenClaw;

/// <summary>The scratch-home builder writes what OpenClaw reads (no OpenClaw needed).</summary>
public sealed class OpenClawHomeTests
{
    [Fact]
    public void Legacy_store_is_two_space_json_mode_0600_with_the_given_profiles()
    {
        using var home = OpenClawHome.Create("unit");
        var expires = Fakes.InHours(2);
        home.WriteLegacyAuthProfiles("ops", [Fakes.Fresh("anthropic:a", expires), LegacyProfile.ApiKey("openrouter:default", "openrouter", Fakes.ApiKey)], new Dictionary<string, string> { ["anthropic"] = "anthropic:a" });

        var path = home.LegacyAuthProfilesPath("ops");
        path.Should().Be(Path.Combine(home.Root, ".openclaw", "agents", "ops", "agent", "auth-profiles.json"));
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var text = File.ReadAllText(path);
        text.Should().StartWith("{\n  \"version\": 1,").And.EndWith("}\n");
        var store = JsonNode.Parse(text)!;
        store["profiles"]!["anthropic:a"]!["expires"]!.GetValue<long>().Should().Be(expires.ToUnixTimeMilliseconds());
        store["profiles"]!["anthropic:a"]!["type"]!.GetValue<string>().Should().Be("oauth");
        store["profiles"]!["openrouter:default"]!["type"]!.GetValue<string>().Should().Be("api_key");
        store["lastGood"]!["anthropic"]!.GetValue<string>().Should().Be("anthropic:a");
    }

    [Fact]
    public void Config_patches_keep_other_keys_and_pin_the_log_file_inside_the_home()
    {
        using var home = OpenClawHome.Create("unit");
        home.PatchConfig(("channels.telegram.apiRoot", "http://127.0.0.1:1"));
        home.UseAnthropicBaseUrl(new Uri("http://127.0.0.1:2/"));

        var config = home.ReadConfig();
        config["channels"]!["telegram"]!["apiRoot"]!.GetValue<string>().Should().Be("http://127.0.0.1:1");
        config["models"]!["providers"]!["anthropic"]!["baseUrl"]!.GetValue<string>().Should().Be("http://127.0.0.1:2");
        config["tools"]!["toolSearch"]!.GetValue<bool>().Should().BeFalse();
        config["logging"]!["file"]!.GetValue<string>().Should().Be(home.LogFile).And.StartWith(home.Root);
    }

    [Fact]
    public void Dispose_removes_the_scratch_home()
    {
        var home = OpenClawHome.Create("unit");
        var root = home.Root;
        Directory.Exists(Path.Combine(root, ".openclaw")).Should().BeTrue();
        home.Dispose();
        Directory.Exists(root).Should().BeFalse();
    }
}
