using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Tests.OpenClaw;

/// <summary>The resolution order of OpenClaw 2026.9.6 (<c>resolveStateDir</c>, <c>resolveConfigPath</c>, <c>--profile</c>), CredWatch's setting first.</summary>
public sealed class OpenClawInstallationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cw-install-").FullName;
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);

    private string Home => Path.Combine(_root, "home");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private InstallationSnapshot Resolve(string? configured = null) =>
        new OpenClawInstallation(configured, new PathEnvironment(Home, n => _env.GetValueOrDefault(n))).Resolve();

    private string Dir(string relative) => Directory.CreateDirectory(Path.Combine(Home, relative)).FullName;

    private string File(string relative, string content = "{}")
    {
        var path = Path.Combine(Home, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Without_any_home_the_canonical_paths_are_named_and_marked_absent()
    {
        var r = Resolve();
        r.StateDir.Should().Be(Path.Combine(Home, ".openclaw"));
        r.StateDirChosenBy.Should().Be("default (not present)");
        r.ConfigPath.Should().Be(Path.Combine(Home, ".openclaw", "openclaw.json"));
        r.Config.Exists.Should().BeFalse();
        r.StateDatabase.Should().Be(Path.Combine(Home, ".openclaw", "state", "openclaw.sqlite"));
    }

    [Fact]
    public void The_legacy_clawdbot_dir_and_config_name_are_used_only_when_the_new_ones_are_missing()
    {
        Dir(".clawdbot");
        Resolve().StateDir.Should().Be(Path.Combine(Home, ".clawdbot"));
        Resolve().ConfigPath.Should().Be(Path.Combine(Home, ".clawdbot", "openclaw.json"));

        var legacyConfig = File(".clawdbot/clawdbot.json");
        Resolve().ConfigPath.Should().Be(legacyConfig);
        File(".clawdbot/openclaw.json");
        Resolve().ConfigPath.Should().Be(Path.Combine(Home, ".clawdbot", "openclaw.json"), "openclaw.json wins over clawdbot.json in the same dir");

        Dir(".openclaw");
        var r = Resolve();
        r.StateDir.Should().Be(Path.Combine(Home, ".openclaw"));
        r.ConfigPath.Should().Be(Path.Combine(Home, ".clawdbot", "openclaw.json"), "a default home without a config takes the one left in the legacy dir, as OpenClaw does");
    }

    [Fact]
    public void CredWatch_extra_legacy_names_are_a_last_fallback()
    {
        Dir(".moltbot");
        Resolve().StateDir.Should().Be(Path.Combine(Home, ".moltbot"));
        Dir(".clawdbot");
        Resolve().StateDir.Should().Be(Path.Combine(Home, ".clawdbot"));
    }

    [Fact]
    public void OPENCLAW_HOME_replaces_HOME_and_its_tilde_is_the_OS_home()
    {
        _env["OPENCLAW_HOME"] = "~/other";
        Directory.CreateDirectory(Path.Combine(Home, "other", ".clawdbot"));
        var r = Resolve();
        r.StateDir.Should().Be(Path.Combine(Home, "other", ".clawdbot"));
        r.StateDirChosenBy.Should().Be("$OPENCLAW_HOME, legacy .clawdbot");
    }

    [Fact]
    public void OPENCLAW_STATE_DIR_wins_over_profile_and_defaults_and_its_tilde_is_OPENCLAW_HOME()
    {
        Dir(".openclaw");
        _env["OPENCLAW_HOME"] = Path.Combine(_root, "oh");
        _env["OPENCLAW_PROFILE"] = "work";
        _env["OPENCLAW_STATE_DIR"] = "~/state";
        var r = Resolve();
        r.StateDir.Should().Be(Path.Combine(_root, "oh", "state"));
        r.StateDirChosenBy.Should().Be("$OPENCLAW_STATE_DIR");
        r.ConfigPath.Should().Be(Path.Combine(_root, "oh", "state", "openclaw.json"), "an overridden state dir never borrows the default home's config");
    }

    [Fact]
    public void CredWatch_setting_wins_over_OPENCLAW_STATE_DIR()
    {
        _env["OPENCLAW_STATE_DIR"] = Path.Combine(_root, "env-state");
        var r = Resolve(Path.Combine(_root, "configured"));
        r.StateDir.Should().Be(Path.Combine(_root, "configured"));
        r.StateDirChosenBy.Should().Be("CredWatch:Stores:OpenClawStateDir");
    }

    [Fact]
    public void A_named_profile_is_its_own_home_and_config_as_with_openclaw_profile()
    {
        File(".openclaw-work/clawdbot.json");
        _env["OPENCLAW_PROFILE"] = "work";
        var r = Resolve();
        r.StateDir.Should().Be(Path.Combine(Home, ".openclaw-work"));
        r.ConfigPath.Should().Be(Path.Combine(Home, ".openclaw-work", "openclaw.json"), "--profile pins the config path");

        _env["OPENCLAW_PROFILE"] = "Default";
        Resolve().StateDir.Should().Be(Path.Combine(Home, ".openclaw"));
        _env["OPENCLAW_PROFILE"] = "bad/name";
        Resolve().StateDir.Should().Be(Path.Combine(Home, ".openclaw"));
    }

    [Fact]
    public void OPENCLAW_CONFIG_PATH_names_the_config_wherever_the_state_dir_is()
    {
        Dir(".openclaw");
        File(".openclaw/openclaw.json");
        _env["OPENCLAW_CONFIG_PATH"] = "~/conf/main.json5";
        var r = Resolve();
        r.StateDir.Should().Be(Path.Combine(Home, ".openclaw"));
        r.ConfigPath.Should().Be(Path.Combine(Home, "conf", "main.json5"));
        r.ConfigChosenBy.Should().Be("$OPENCLAW_CONFIG_PATH");
    }

    [Fact]
    public void The_json5_config_is_read_once_and_again_when_it_changes()
    {
        var path = File(".openclaw/openclaw.json", """
            // hand-edited
            { meta: { lastTouchedVersion: '2026.9.6', },
              logging: { file: 'logs/gw.log' },
              agents: { list: [ { id: 'remote', agentDir: '~/remote/agent' }, { id: 'rel', agentDir: 'elsewhere/rel' }, ], },
            }
            """);
        Dir(".openclaw/agents/main/agent");
        var installation = new OpenClawInstallation(null, new PathEnvironment(Home, n => _env.GetValueOrDefault(n)));
        var first = installation.Resolve();
        first.LastTouchedVersion.Should().Be("2026.9.6");
        first.LogFile.Should().Be(Path.Combine(Home, ".openclaw", "logs", "gw.log"));
        first.AgentDirs().Should().Equal(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["main"] = Path.Combine(Home, ".openclaw", "agents", "main", "agent"),
            ["rel"] = Path.Combine(Home, ".openclaw", "elsewhere", "rel"),
            ["remote"] = Path.Combine(Home, "remote", "agent"),
        });
        installation.Resolve().Config.Should().BeSameAs(first.Config, "an unchanged file is not read again");

        System.IO.File.WriteAllText(path, "{ logging: { file: '/var/log/openclaw/gateway.log' }, meta: { lastTouchedVersion: '2026.9.7' } }");
        var second = installation.Resolve();
        second.Config.Should().NotBeSameAs(first.Config);
        second.LogFile.Should().Be("/var/log/openclaw/gateway.log");
        second.LastTouchedVersion.Should().Be("2026.9.7");
    }

    [Fact]
    public void A_broken_config_is_a_note_and_answers_nothing()
    {
        File(".openclaw/openclaw.json", "{ agents: { list: [ ");
        var r = Resolve();
        r.Config.Problem.Should().Contain("is not valid JSON5");
        r.LogFile.Should().BeNull();
        r.Notes.Should().Contain(n => n.Contains("not valid JSON5", StringComparison.Ordinal));
    }
}
