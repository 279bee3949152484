using CredWatch.Alerts;
using CredWatch.Exporter.Alerting;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Stores;
using CredWatch.TestSupport;
using CredWatch.TestSupport.OpenClaw;

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
        var scanner = new StoreScanner(Microsoft.Extensions.Options.Options.Create(options), new PathEnvironment(home.Root, _ => null), fingerprinter, TimeProvider.System);
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
    }
}
