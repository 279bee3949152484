using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;

namespace CredWatch.Exporter.Tests.Stores;

/// <summary>The shared store and issue 10's metrics on a live daemon's /metrics.</summary>
[Collection(CredWatch.Exporter.Tests.Support.InProcessDaemons.Name)]
public sealed class SharedStoreMetricsTests : IDisposable
{
    private readonly TempHome _home = new(withFixtures: false);

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Shared_store_shadow_ignored_json_and_fence_metrics_are_exported_without_secrets()
    {
        var in8h = DateTimeOffset.UtcNow.AddHours(8).ToUnixTimeMilliseconds();
        var shared = "{\"version\":1,\"profiles\":{"
            + "\"anthropic:old\":{\"type\":\"oauth\",\"provider\":\"anthropic\",\"access\":\"" + Tokens.Fence(Tokens.ClaimA, "access", true) + "\",\"refresh\":\"" + Tokens.Fence(Tokens.ClaimA, "refresh", true) + "\",\"expires\":1},"
            + "\"anthropic:default\":{\"type\":\"oauth\",\"provider\":\"anthropic\",\"access\":\"" + Tokens.NewAccess + "\",\"refresh\":\"" + Tokens.NewRefresh + "\",\"expires\":" + in8h + "}}}";
        _home.Write(".claude/.credentials.json", Tokens.Claude(Tokens.NewAccess, Tokens.NewRefresh, in8h));
        RealSchema.CreateStateDb(_home, storeJson: shared);
        RealSchema.CreateAgentDb(_home, "ops", Tokens.OAuthProfile("anthropic:default", "anthropic", Tokens.OldAccess, Tokens.OldRefresh, in8h - 3_600_000));
        _home.Write(".openclaw/agents/main/agent/auth-profiles.json.migrated-2026-11-25T02-52-48.833Z-d6f664ee-9630-42b4-8e63-0b20379c9b50",
            Tokens.OAuthProfile("anthropic:old", "anthropic", Tokens.Access("RESIGN"), Tokens.Refresh("RESIGN"), DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeMilliseconds()));

        await using var d = await DaemonHarness.StartAsync(_home);
        await Eventually.UntilAsync(async () => (await d.Client.GetAsync("/readyz")).IsSuccessStatusCode, because: "first scan");
        var text = await d.Client.GetStringAsync("/metrics");
        FixtureSecrets.AssertNoSecret(text, "/metrics");

        Scrape.Series(text).Where(s => s.Name == "credwatch_store_up" && s.Labels["store"] == "openclaw-shared").Should().ContainSingle()
            .Which.Labels.Should().NotContainKey("agent");
        Scrape.Value(text, "credwatch_store_up", ("store", "openclaw-shared")).Should().Be(1);
        Scrape.Value(text, "credwatch_store_schema_version", ("store", "openclaw-shared")).Should().Be(18);
        Scrape.Value(text, "credwatch_store_schema_version", ("store", "openclaw"), ("agent", "ops")).Should().Be(23);
        Scrape.Value(text, "credwatch_store_errors_total", ("store", "openclaw-shared"), ("reason", "busy")).Should().Be(0);
        Scrape.Value(text, "credwatch_token_state", ("store", "openclaw-shared"), ("profile", "anthropic:old"), ("state", "relogin_required")).Should().Be(1);
        Scrape.Series(text).Should().NotContain(s => s.Name == "credwatch_token_expiry_timestamp_seconds" && s.Labels["profile"] == "anthropic:old", "a fence's expires: 1 is not an expiry");
        Scrape.Value(text, "credwatch_profile_shadowed", ("agent", "ops"), ("provider", "anthropic"), ("profile", "anthropic:default")).Should().Be(1);
        Scrape.Value(text, "credwatch_token_state", ("store", "openclaw"), ("agent", "ops"), ("state", "stale")).Should().Be(1);
        Scrape.Value(text, "credwatch_store_ignored_json", ("store", "openclaw-shared")).Should().Be(1);
        Scrape.Value(text, "credwatch_store_ignored_json", ("store", "openclaw"), ("agent", "ops")).Should().Be(0);

        var status = await d.Client.GetStringAsync("/api/status");
        FixtureSecrets.AssertNoSecret(status, "/api/status");
        var stores = System.Text.Json.Nodes.JsonNode.Parse(status)!["stores"]!.AsArray();
        stores.Single(x => x!["store"]!.GetValue<string>() == "openclaw-shared")!["sharedLocation"]!.GetValue<string>().Should().Be("state-db");
        var ops = stores.Single(x => x!["agent"]?.GetValue<string>() == "ops")!;
        ops["profiles"]![0]!["staleShadow"]!.GetValue<bool>().Should().BeTrue();
        ops["effectiveProfiles"]!.AsArray().Select(e => (e!["profile"]!.GetValue<string>(), e["uses"]!.GetValue<string>()))
            .Should().BeEquivalentTo([("anthropic:default", "local"), ("anthropic:old", "openclaw-shared")]);
    }
}
