using CredWatch.Alerts;
using System.Text.Json.Nodes;
using CredWatch.Exporter.AlertMapping;
using CredWatch.Exporter.Cli;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Effective;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Tests.Support;
using CredWatch.Exporter.Stores;
using CredWatch.TestSupport;
using CredWatch.TestSupport.OpenClaw;
using CredWatch.Exporter.OpenClaw;
using CredWatch.Alerts.Model;

namespace CredWatch.Exporter.Tests.RealOpenClaw;

/// <summary>
/// The MiniMax CLI's login as the real OpenClaw 2026.9.6 copies it: its doctor imports <c>~/.minimax/oauth_creds.json</c>
/// into <c>minimax-portal:minimax-cli</c> (authFlow <c>external-cli</c>) to replace an unusable local profile.
/// </summary>
[Collection(RealOpenClawSerial.Name)]
public sealed class ExternalCliOnRealOpenClawTests
{
    private const string CliAccess = "mmx-FIXTUREaccessCLI-real-1111";
    private const string CliRefresh = "mmx-FIXTURErefreshCLI-real-2222";
    private const string RotatedAccess = "mmx-FIXTUREaccessROT-real-3333";
    private const string RotatedRefresh = "mmx-FIXTURErefreshROT-real-4444";
    private static readonly string[] Secrets = [CliAccess, CliRefresh, RotatedAccess, RotatedRefresh];

    private static void WriteMiniMaxCli(OpenClawHome home, string access, string refresh, DateTimeOffset expiry)
    {
        var dir = Path.Combine(home.Root, ".minimax");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "oauth_creds.json"),
            $$"""{"access_token":"{{access}}","refresh_token":"{{refresh}}","expiry_date":{{expiry.ToUnixTimeMilliseconds()}},"token_type":"Bearer"}""");
    }

    private static async Task<RegistryState> ScanAsync(OpenClawHome home, FingerprintHistory history)
    {
        var options = new CredWatchOptions { Home = home.Root, StateDir = Path.Combine(home.Root, "credwatch-state") };
        var fingerprinter = Keys;
        var scanner = new StoreScanner(Microsoft.Extensions.Options.Options.Create(options), new CredWatch.Exporter.OpenClaw.OpenClawInstallation(options.Stores.OpenClawStateDir, new PathEnvironment(home.Root, _ => null)), fingerprinter, TimeProvider.System);
        var registry = new StoreRegistry(TokenComparer.Create(options), history, TimeProvider.System);
        var (discovery, snaps) = await scanner.ScanAsync(CancellationToken.None);
        return registry.Apply(snaps, discovery.OpenClawStateDir).State;
    }

    private static Fingerprinter Keys { get; } = Fingerprinter.CreateEphemeral();

    [RealOpenClawFact]
    public async Task Doctor_imports_the_minimax_cli_login_and_credwatch_flags_the_copy_once_when_the_cli_rotates()
    {
        using var home = OpenClawHome.Create("minimax");
        WriteMiniMaxCli(home, CliAccess, CliRefresh, Fakes.InHours(6));
        home.WriteLegacyAuthProfiles("main", [LegacyProfile.OAuth("minimax-portal:minimax-cli", "minimax-portal", Fakes.OldAccess, Fakes.OldRefresh, Fakes.InHours(-1))]);
        var doctor = (await OpenClawRunner.DoctorFixAsync(home)).EnsureSuccess();
        FixtureSecrets.AssertNoSecret(doctor.StdOut + doctor.StdErr, "openclaw doctor output", Secrets);

        var stored = OpenClawStateDatabase.SharedProfile(home, "minimax-portal:minimax-cli")!;
        stored["authFlow"]!.GetValue<string>().Should().Be("external-cli", "OpenClaw bootstrapped its unusable copy from the MiniMax CLI");
        (stored["refresh"]!.GetValue<string>() == CliRefresh).Should().BeTrue("the copy holds the CLI's refresh token");

        var history = FingerprintHistory.InMemory();
        var healthy = await ScanAsync(home, history);
        var shared = new StoreId(StoreLabels.OpenClawShared, null);
        var copy = healthy.Comparisons.Single(c => c.Store == shared && c.ProfileId == "minimax-portal:minimax-cli");
        copy.State.Should().Be(TokenStates.InSync);
        copy.Source.Should().Be(new StoreId(StoreLabels.MiniMaxCli, null));
        StoreAlertMapper.Map(healthy, DateTimeOffset.UtcNow, TimeSpan.FromHours(1)).Should().BeEmpty("a healthy home with the MiniMax CLI is quiet");

        // The MiniMax CLI refreshes on its own: OpenClaw's copy now holds a rotated-away refresh token.
        WriteMiniMaxCli(home, RotatedAccess, RotatedRefresh, Fakes.InHours(8));
        var rotated = await ScanAsync(home, history);
        rotated.Comparisons.Single(c => c.Store == shared && c.ProfileId == "minimax-portal:minimax-cli").State.Should().Be(TokenStates.Stale);
        var alerts = StoreAlertMapper.Map(rotated, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        alerts.Should().ContainSingle();
        alerts[0].Kind.Should().Be(AlertKinds.StaleCopy);
        alerts[0].Text.Should().Contain("minimax-portal:minimax-cli").And.Contain("openclaw models auth login --provider minimax-portal");
        FixtureSecrets.AssertNoSecret(alerts[0].Text, "alert", Secrets);

        // OpenClaw never refreshes this external-cli copy; it re-imports the CLI's login once the copy is unusable.
        var effective = EffectiveCredentialResolver.Resolve(rotated, AuthConfigs.Of(rotated), DateTimeOffset.UtcNow);
        var uses = effective.Single(e => e.Agent == "main" && e.Provider == "minimax-portal");
        uses.Chosen!.DisplayId.Should().Be("minimax-portal:minimax-cli");
        uses.State.Should().Be(EffectiveStates.Live);
    }

    [RealOpenClawFact]
    public async Task A_stored_anthropic_profile_older_than_the_claude_cli_login_is_what_the_next_turn_uses_and_shadows_it()
    {
        using var home = OpenClawHome.Create("shadow");
        Directory.CreateDirectory(Path.Combine(home.Root, ".claude"));
        File.WriteAllText(Path.Combine(home.Root, ".claude", ".credentials.json"),
            $$"""{"claudeAiOauth":{"accessToken":"{{CliAccess}}","refreshToken":"{{CliRefresh}}","expiresAt":{{Fakes.InHours(8).ToUnixTimeMilliseconds()}},"subscriptionType":""" + "\"max\"}}");
        File.WriteAllText(Path.Combine(home.Root, ".claude.json"), """{"oauthAccount":{"emailAddress":"ops@example.com","accountUuid":"11111111-2222-3333-4444-555555555555"}}""");
        home.WriteLegacyAuthProfiles("main", [Fakes.Fresh("anthropic:default", Fakes.InHours(6))]);
        home.PatchConfig(
            ("auth.order.anthropic", new JsonArray("anthropic:default", "anthropic:claude-cli")),
            ("auth.profiles", new JsonObject { ["anthropic:claude-cli"] = new JsonObject { ["provider"] = "claude-cli", ["mode"] = "oauth" } }));
        var doctor = (await OpenClawRunner.DoctorFixAsync(home)).EnsureSuccess();
        (doctor.StdOut + doctor.StdErr).Should().Contain("Remove retired auth profile anthropic:claude-cli", "2026.9.6 retires the profile id; the Claude CLI keeps its native login");

        // The stored profile is dead, provably: CredWatch saw the Claude CLI hold its refresh token, then rotate it.
        var history = FingerprintHistory.InMemory();
        var cliCreds = Path.Combine(home.Root, ".claude", ".credentials.json");
        var liveCreds = File.ReadAllText(cliCreds);
        File.WriteAllText(cliCreds, $$$"""{"claudeAiOauth":{"accessToken":"{{{Fakes.FreshAccess}}}","refreshToken":"{{{Fakes.FreshRefresh}}}","expiresAt":{{{Fakes.InHours(6).ToUnixTimeMilliseconds()}}}}}""");
        await ScanAsync(home, history);
        File.WriteAllText(cliCreds, liveCreds);

        var state = await ScanAsync(home, history);
        var effective = EffectiveCredentialResolver.Resolve(state, AuthConfigs.Of(state), DateTimeOffset.UtcNow);
        var uses = effective.Single(e => e.Agent == "main" && e.Provider == "anthropic");
        uses.Chosen!.DisplayId.Should().Be("anthropic:default");
        uses.Chosen.Store.Should().Be(new StoreId(StoreLabels.OpenClawShared, null));
        uses.State.Should().Be(EffectiveStates.ShadowsLiveLogin, uses.Detail);
        uses.Fix.Should().Contain("openclaw models auth logout --agent main anthropic:default --yes");

        // OpenClaw's own order (models status effectiveProfiles) tries the same profile first.
        var status = (await OpenClawRunner.ModelsStatusAsync(home)).JsonOrThrow();
        var anthropic = status["auth"]!["oauth"]!["providers"]!.AsArray().Single(p => p!["provider"]!.GetValue<string>() == "anthropic")!;
        anthropic["effectiveProfiles"]!.AsArray()[0]!["profileId"]!.GetValue<string>().Should().Be(uses.Chosen.ProfileId);

        var lines = await new OpenClawCrossCheck(Wrapper(home), OpenClawRunner.DefaultTimeout, new CredWatch.Exporter.OpenClaw.OpenClawInstallation(null, new PathEnvironment(home.Root, _ => null)), TimeProvider.System).GetLinesAsync(state, CancellationToken.None);
        var text = string.Join('\n', lines);
        FixtureSecrets.AssertNoSecret(text, "cross-check", Secrets);
        lines.Should().Contain(l => l.Subject == "agent main" && l.Message.Contains("profile tried first for", StringComparison.Ordinal), text);
        lines.Should().NotContain(l => l.Message.StartsWith("first profile tried differs", StringComparison.Ordinal), text);
        EffectiveAlertSource.Map(effective).Should().ContainSingle().Which.Text.Should().Contain("agent main");
    }

    private static string Wrapper(OpenClawHome home)
    {
        var wrapper = Path.Combine(home.Root, "bin", "openclaw");
        Directory.CreateDirectory(Path.GetDirectoryName(wrapper)!);
        File.WriteAllText(wrapper, "#!/bin/sh\n"
            + $"export NODE_USE_ENV_PROXY=1 HTTP_PROXY={OpenClawProcesses.DeadProxy} HTTPS_PROXY={OpenClawProcesses.DeadProxy} NO_PROXY=127.0.0.1,localhost,::1 NO_COLOR=1 CI=1 {OpenClawProcesses.MarkerVariable}={home.ScratchId}\n"
            + $"exec '{OpenClawInstall.NodeExecutable}' '{OpenClawInstall.CliScript}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return wrapper;
    }
}
