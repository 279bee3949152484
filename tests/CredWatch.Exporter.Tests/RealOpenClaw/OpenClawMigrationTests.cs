using System.Text.Json.Nodes;
using CredWatch.TestSupport;
using CredWatch.TestSupport.OpenClaw;

namespace CredWatch.Exporter.Tests.RealOpenClaw;

/// <summary>
/// Proves the harness against the real OpenClaw 2026.9.6 and pins the facts docs/openclaw-observed.md records.
/// Fails, naming what to install, when the real OpenClaw is missing.
/// </summary>
[Collection(RealOpenClawSerial.Name)]
public sealed class OpenClawMigrationTests
{
    [RealOpenClawFact]
    public async Task Doctor_migrates_legacy_stores_into_the_shared_store_and_fences_the_expired_login()
    {
        using var home = OpenClawHome.Create("migrate");
        var freshExpiry = Fakes.InHours(6);
        home.WriteLegacyAuthProfiles("main", [Fakes.Fresh("anthropic:default", freshExpiry), Fakes.Expired("anthropic:old", Fakes.InHours(-1)), LegacyProfile.ApiKey("openrouter:default", "openrouter", Fakes.ApiKey)]);

        var before = await OpenClawRunner.ModelsStatusAsync(home);
        before.ExitCode.Should().Be(1, "a JSON-only store is refused on 2026.9.6: {0}", before);
        (before.StdOut + before.StdErr).Should().Contain("requires legacy credential migration").And.Contain("run openclaw doctor --fix");

        var doctor = await OpenClawRunner.DoctorFixAsync(home);
        doctor.EnsureSuccess();

        OpenClawStateDatabase.UserVersion(home.StateDatabasePath).Should().Be(18);
        OpenClawStateDatabase.ConfigMachineState(home, "auth.sharedStore")!["location"]!.GetValue<string>().Should().Be("state-db");
        home.MigrationArchives("main").Should().ContainSingle().Which.Should().MatchRegex(@"auth-profiles\.json\.migrated-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-[0-9a-f-]{36}$");
        File.Exists(home.LegacyAuthProfilesPath("main")).Should().BeFalse();
        File.Exists(home.AgentDatabasePath("main")).Should().BeFalse("main's profiles went to the shared store, not to a main agent database");

        var fenced = OpenClawStateDatabase.SharedProfile(home, "anthropic:old")!;
        fenced["expires"]!.GetValue<long>().Should().Be(1);
        fenced["access"]!.GetValue<string>().Should().MatchRegex("^openclaw-oauth-refresh-fence:v1:[0-9a-f]{32}:failed:access:[0-9a-f]{64}$");
        fenced["refresh"]!.GetValue<string>().Should().MatchRegex("^openclaw-oauth-refresh-fence:v1:[0-9a-f]{32}:failed:refresh:[0-9a-f]{64}$");
        OpenClawStateDatabase.SharedProfile(home, "anthropic:default")!["expires"]!.GetValue<long>().Should().Be(freshExpiry.ToUnixTimeMilliseconds());

        var status = (await OpenClawRunner.ModelsStatusAsync(home)).JsonOrThrow();
        status["auth"]!["storePath"]!.GetValue<string>().Should().Be(home.StateDatabasePath);
        var profiles = status["auth"]!["oauth"]!["profiles"]!.AsArray().ToDictionary(p => p!["profileId"]!.GetValue<string>());
        profiles["anthropic:default"]!["expiresAt"]!.GetValue<long>().Should().Be(freshExpiry.ToUnixTimeMilliseconds());
        profiles["anthropic:default"]!["status"]!.GetValue<string>().Should().Be("expiring", "within warnAfterMs (24 h)");
        profiles["anthropic:old"]!["status"]!.GetValue<string>().Should().Be("expired", "OpenClaw calls a failed fence merely expired");
        profiles["anthropic:old"]!["expiresAt"].Should().BeNull("a fence's expires=1 is not shown as an expiry");
        profiles["openrouter:default"]!["status"]!.GetValue<string>().Should().Be("static");

        foreach (var output in new[] { before.StdOut, before.StdErr, doctor.StdOut, doctor.StdErr })
        {
            FixtureSecrets.AssertNoSecret(output, "openclaw output");
        }
    }

    [RealOpenClawFact]
    public async Task A_second_migration_archives_a_resign_in_and_keeps_the_failed_fence()
    {
        using var home = OpenClawHome.Create("trap");
        home.WriteLegacyAuthProfiles("main", [Fakes.Expired("anthropic:default", Fakes.InHours(-1))]);
        (await OpenClawRunner.DoctorFixAsync(home)).EnsureSuccess();
        var fence = OpenClawStateDatabase.SharedProfile(home, "anthropic:default")!["access"]!.GetValue<string>();
        fence.Should().Contain(":failed:access:");

        // The operator signs in again the old way: a fresh login written to the JSON file.
        home.WriteLegacyAuthProfiles("main", [Fakes.Fresh("anthropic:default", Fakes.InHours(8))]);
        (await OpenClawRunner.DoctorFixAsync(home)).EnsureSuccess();

        home.MigrationArchives("main").Should().HaveCount(2);
        var kept = OpenClawStateDatabase.SharedProfile(home, "anthropic:default")!;
        kept["access"]!.GetValue<string>().Should().Be(fence, "the import only adds ids the database lacks");
        kept["expires"]!.GetValue<long>().Should().Be(1);
        var archived = JsonNode.Parse(File.ReadAllText(home.MigrationArchives("main")[^1]))!;
        (archived["profiles"]!["anthropic:default"]!["refresh"]!.GetValue<string>() == Fakes.FreshRefresh).Should().BeTrue("the re-sign-in survives only in the archive");

        var audit = (await OpenClawRunner.TasksAuditAsync(home)).JsonOrThrow();
        audit["summary"]!["byCode"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(
            ["stale_queued", "stale_running", "lost", "delivery_failed", "missing_cleanup", "inconsistent_timestamps"]);
    }
}
