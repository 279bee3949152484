using System.Text;
using CredWatch.Alerts;
using CredWatch.Exporter.AlertMapping;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using CredWatch.Exporter.OpenClaw;
using CredWatch.Alerts.Model;

namespace CredWatch.Exporter.Tests.Comparison;

/// <summary>
/// The MiniMax CLI (copied by OpenClaw 2026.9.6 into <c>minimax-portal:minimax-cli</c>) and the Gemini CLI (read at run
/// time) as source stores, on real files in a scratch home.
/// </summary>
public sealed class ExternalCliStoresTests : IDisposable
{
    private const string CliAccess = "mmx-FIXTUREaccessCLI-1111";
    private const string CliRefresh = "mmx-FIXTURErefreshCLI-2222";
    private const string RotatedAccess = "mmx-FIXTUREaccessROT-3333";
    private const string RotatedRefresh = "mmx-FIXTURErefreshROT-4444";
    private const string GeminiEmail = "gemini.user@example.com";

    private readonly TempHome _home = new(withFixtures: false);

    public void Dispose() => _home.Dispose();

    private static long InHours(double h) => DateTimeOffset.UtcNow.AddHours(h).ToUnixTimeMilliseconds();

    private void WriteMiniMaxCli(string access, string refresh, long expiry) =>
        _home.Write(".minimax/oauth_creds.json", $$"""{"access_token":"{{access}}","refresh_token":"{{refresh}}","expiry_date":{{expiry}},"token_type":"Bearer"}""");

    private void WriteLegacyMain(string access, string refresh, long expiry) =>
        _home.Write(".openclaw/agents/main/agent/auth-profiles.json", $$$$"""
            {"version":1,"profiles":{"minimax-portal:minimax-cli":{"type":"oauth","provider":"minimax-portal","access":"{{{{access}}}}","refresh":"{{{{refresh}}}}","expires":{{{{expiry}}}}}}}
            """);

    private static IReadOnlyList<AlertCondition> Alerts(RegistryState s) => StoreAlertMapper.Map(s, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

    private static ComparisonResult Copy(RegistryState s) =>
        s.Comparisons.Single(c => c.Store == new StoreId(StoreLabels.OpenClaw, "main") && c.ProfileId == "minimax-portal:minimax-cli");

    private static void NoSecret(IEnumerable<AlertCondition> alerts)
    {
        foreach (var a in alerts)
        {
            FixtureSecrets.AssertNoSecret(a.Text, "alert text", [CliAccess, CliRefresh, RotatedAccess, RotatedRefresh, GeminiEmail]);
        }
    }

    [Fact]
    public async Task A_host_without_these_clis_has_no_store_of_theirs_but_a_configured_path_is_read()
    {
        var quiet = StoreDiscovery.Discover(new StoresOptions(), _home.Installation());
        quiet.Stores.Should().NotContain(s => s.Id.Store == StoreLabels.MiniMaxCli || s.Id.Store == StoreLabels.GeminiCli);

        var configured = Path.Combine(_home.Root, "elsewhere", "oauth_creds.json");
        var options = _home.Options();
        options.Stores.MiniMaxCredentials = configured;
        var s = await _home.ScanAsync(options: options);
        var entry = s.Stores[new StoreId(StoreLabels.MiniMaxCli, null)].Snapshot;
        entry.Path.Should().Be(configured);
        entry.Error!.Reason.Should().Be(StoreErrorReasons.NotFound);
        s.Stores.Keys.Should().NotContain(new StoreId(StoreLabels.GeminiCli, null));

        WriteMiniMaxCli(CliAccess, CliRefresh, InHours(6));
        var found = StoreDiscovery.Discover(new StoresOptions(), _home.Installation());
        found.Stores.Should().ContainSingle(l => l.Id.Store == StoreLabels.MiniMaxCli).Which.Path.Should().Be(Path.Combine(_home.Home, ".minimax", "oauth_creds.json"));
    }

    [Fact]
    public async Task A_json_era_minimax_copy_is_in_sync_then_stale_when_the_cli_rotates_with_credwatch_sync_as_the_fix()
    {
        var history = FingerprintHistory.InMemory();
        WriteMiniMaxCli(CliAccess, CliRefresh, InHours(6));
        WriteLegacyMain(CliAccess, CliRefresh, InHours(6));
        var first = await _home.ScanAsync(history: history);
        var source = first.Stores[new StoreId(StoreLabels.MiniMaxCli, null)].Snapshot;
        source.Up.Should().BeTrue(source.Error?.Detail);
        source.Layout.Should().Be(StoreLayout.MiniMaxOAuthCreds);
        Copy(first).State.Should().Be(TokenStates.InSync);
        Copy(first).Source.Should().Be(new StoreId(StoreLabels.MiniMaxCli, null));
        Alerts(first).Should().BeEmpty("a healthy home with the MiniMax CLI is quiet");

        // The MiniMax CLI refreshes: both of its tokens rotate; OpenClaw's copy keeps the old pair.
        WriteMiniMaxCli(RotatedAccess, RotatedRefresh, InHours(8));
        var second = await _home.ScanAsync(history: history);
        Copy(second).State.Should().Be(TokenStates.Stale);
        Copy(second).Proof.Kind.Should().Be(ProofKind.RefreshTokenHistory);
        var alerts = Alerts(second);
        alerts.Should().ContainSingle();
        alerts[0].Kind.Should().Be(AlertKinds.StaleCopy);
        alerts[0].Severity.Should().Be(AlertSeverity.Critical, "OpenClaw refreshes a copy it owns: the rotated refresh token fails");
        alerts[0].Text.Should().Contain("agent main").And.Contain("minimax-portal:minimax-cli").And.Contain("credwatch sync");
        NoSecret(alerts);
    }

    [Fact]
    public async Task A_copy_openclaw_refreshed_last_is_ahead_and_the_alert_says_to_sign_in_again_with_the_minimax_cli()
    {
        var history = FingerprintHistory.InMemory();
        WriteMiniMaxCli(CliAccess, CliRefresh, InHours(6));
        WriteLegacyMain(CliAccess, CliRefresh, InHours(6));
        await _home.ScanAsync(history: history);

        WriteLegacyMain(RotatedAccess, RotatedRefresh, InHours(8));
        var s = await _home.ScanAsync(history: history);
        Copy(s).State.Should().Be(TokenStates.Ahead);
        var alerts = Alerts(s);
        alerts.Should().ContainSingle();
        alerts[0].Text.Should().Contain("MiniMax CLI's login").And.Contain("sign in again with the MiniMax CLI");
        NoSecret(alerts);
    }

    [Fact]
    public async Task A_copy_imported_by_the_external_cli_sync_is_a_warning_because_openclaw_reimports_it()
    {
        var history = FingerprintHistory.InMemory();
        WriteMiniMaxCli(CliAccess, CliRefresh, InHours(6));
        _home.CreateAgentDatabase("ops", $$$$"""
            {"version":1,"profiles":{"minimax-portal:minimax-cli":{"type":"oauth","provider":"minimax-portal","access":"{{{{CliAccess}}}}","refresh":"{{{{CliRefresh}}}}","expires":{{{{InHours(6)}}}},"authFlow":"external-cli"}}}
            """);
        var first = await _home.ScanAsync(history: history);
        var copy = first.Comparisons.Single(c => c.Store == new StoreId(StoreLabels.OpenClaw, "ops"));
        copy.State.Should().Be(TokenStates.InSync);
        first.Stores[copy.Store].Snapshot.Profiles.Single().ExternallyOwned.Should().BeTrue();

        WriteMiniMaxCli(RotatedAccess, RotatedRefresh, InHours(8));
        var second = await _home.ScanAsync(history: history);
        second.Comparisons.Single(c => c.Store == copy.Store).State.Should().Be(TokenStates.Stale);
        var alerts = Alerts(second);
        alerts.Should().ContainSingle().Which.Severity.Should().Be(AlertSeverity.Warning);
        alerts[0].Text.Should().Contain("re-imports").And.Contain("openclaw models auth login --provider minimax-portal");
        NoSecret(alerts);
    }

    [Fact]
    public async Task A_dead_gemini_cli_login_is_flagged_once_with_the_gemini_fix_and_its_account_masked()
    {
        var idToken = Jwt($$"""{"email":"{{GeminiEmail}}","sub":"1234567890"}""");
        _home.Write(".gemini/oauth_creds.json", $$"""{"access_token":"ya29.FIXTUREaccessGEM","expiry_date":{{InHours(-2)}},"id_token":"{{idToken}}","scope":"openid"}""");
        var s = await _home.ScanAsync();
        var snap = s.Stores[new StoreId(StoreLabels.GeminiCli, null)].Snapshot;
        snap.Up.Should().BeTrue(snap.Error?.Detail);
        snap.Account!.Email.Should().Be(GeminiEmail);
        var c = s.Comparisons.Single(r => r.Store.Store == StoreLabels.GeminiCli);
        c.Provider.Should().Be("google-gemini-cli");
        c.State.Should().Be(TokenStates.Expired);
        var alerts = Alerts(s);
        var masked = snap.AccountDisplay;
        masked.Should().MatchRegex("^acct-[0-9a-f]{8}$");
        c.Detail.Should().Contain(masked);
        alerts.Should().ContainSingle().Which.Text.Should().Contain("run `gemini` and sign in again").And.Contain("openclaw models auth login --provider google")
            .And.Contain("account " + masked);
        NoSecret(alerts);

        // A live login (a refresh token renews the hourly access token) is quiet even when the access token has lapsed.
        _home.Write(".gemini/oauth_creds.json", $$"""{"access_token":"ya29.FIXTUREaccessGEM","refresh_token":"1//FIXTURErefreshGEM","expiry_date":{{InHours(-2)}},"id_token":"{{idToken}}"}""");
        var healthy = await _home.ScanAsync();
        healthy.Comparisons.Single(r => r.Store.Store == StoreLabels.GeminiCli).State.Should().Be(TokenStates.InSync);
        Alerts(healthy).Should().BeEmpty();
    }

    private static string Jwt(string payload)
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{B64("""{"alg":"RS256"}""")}.{B64(payload)}.c2ln";
    }
}
