using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.OpenClaw;

namespace CredWatch.Exporter.Tests.Stores;

public sealed class DiscoveryTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Defaults_resolve_under_the_home_and_glob_every_agent()
    {
        var r = StoreDiscovery.Discover(new StoresOptions(), _home.Installation());
        r.Stores.Select(s => s.Id.ToString()).Should().Equal("claude-cli", "codex-cli", "openclaw/hr-bp", "openclaw/main");
        r.Stores[0].Path.Should().Be(_home.ClaudeCredentials);
        r.Stores[0].IdentityPath.Should().Be(Path.Combine(_home.Home, ".claude.json"));
        r.OpenClawStateDir.Should().Be(_home.OpenClawState);
    }

    [Fact]
    public void Env_overrides_and_legacy_dirs_are_honoured()
    {
        var claudeDir = Path.Combine(_home.Root, "cc");
        var env = _home.Environment(new Dictionary<string, string> { ["CLAUDE_CONFIG_DIR"] = claudeDir, ["CODEX_HOME"] = Path.Combine(_home.Root, "cx") });
        Directory.Move(_home.OpenClawState, Path.Combine(_home.Home, ".moltbot"));
        var r = StoreDiscovery.Discover(new StoresOptions(), new CredWatch.Exporter.OpenClaw.OpenClawInstallation(null, env));
        r.Stores[0].Path.Should().Be(Path.Combine(claudeDir, ".credentials.json"));
        r.Stores[0].IdentityPath.Should().Be(Path.Combine(claudeDir, ".claude.json"));
        r.Stores[1].Path.Should().Be(Path.Combine(_home.Root, "cx", "auth.json"));
        r.OpenClawStateDir.Should().Be(Path.Combine(_home.Home, ".moltbot"));
        r.Stores.Should().Contain(s => s.Id.Agent == "hr-bp");

        var state = Path.Combine(_home.Root, "explicit-state");
        StoreDiscovery.Discover(new StoresOptions(), _home.Installation(new Dictionary<string, string> { ["OPENCLAW_STATE_DIR"] = state }))
            .OpenClawStateDir.Should().Be(state);
    }

    [Fact]
    public void Config_agent_dirs_and_extra_dirs_are_added_and_missing_openclaw_is_reported()
    {
        var custom = Path.Combine(_home.Root, "elsewhere", "agent");
        _home.Write(".openclaw/openclaw.json", $$"""
            { // OpenClaw writes comments sometimes
              "agents": { "list": [ { "id": "remote", "agentDir": "{{custom}}" }, ], }, }
            """);
        var extra = Path.Combine(_home.Root, "x", "ops", "agent");
        var r = StoreDiscovery.Discover(new StoresOptions { ExtraAgentDirs = [extra] }, _home.Installation());
        r.Stores.Should().Contain(s => s.Id.Agent == "remote" && s.Path == custom);
        r.Stores.Should().Contain(s => s.Id.Agent == "ops" && s.Path == extra);

        using var empty = new TempHome(withFixtures: false);
        var none = StoreDiscovery.Discover(new StoresOptions(), empty.Installation());
        none.Stores.Should().Contain(s => s.Id == new StoreId(StoreLabels.OpenClaw, null));
    }
}
