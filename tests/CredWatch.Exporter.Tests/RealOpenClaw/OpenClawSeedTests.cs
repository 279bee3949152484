using System.Text.Json.Nodes;
using CredWatch.TestSupport;
using CredWatch.TestSupport.Anthropic;
using CredWatch.TestSupport.OpenClaw;

namespace CredWatch.Exporter.Tests.RealOpenClaw;

/// <summary>
/// The seed on the real gateway (formats §3d): the main agent spawns a subagent through the fake Anthropic server,
/// the login is expired while the child works, the announce's refresh fails offline, OpenClaw fences the login and
/// keeps retrying a result it can no longer deliver. Longer than the other tests (~60–90 s): the first failed
/// announce attempt is only recorded after OpenClaw's own 5+10+20 s inner retries.
/// </summary>
[Collection(RealOpenClawSerial.Name)]
public sealed class OpenClawSeedTests
{
    [RealOpenClawFact]
    public async Task Gateway_reproduces_the_seed_up_to_an_at_risk_result_behind_a_failed_fence()
    {
        using var home = OpenClawHome.Create("seed");
        home.WriteLegacyAuthProfiles("main", [Fakes.Fresh("anthropic:default", Fakes.InHours(6))]);
        var seed = new SeedConversation(_ =>
        {
            OpenClawStateDatabase.SetSharedProfileExpiry(home, "anthropic:default", DateTimeOffset.UtcNow.AddMinutes(-1));
            return Task.CompletedTask;
        });
        await using var anthropic = await FakeAnthropicServer.StartAsync(seed.Script);
        home.UseAnthropicBaseUrl(anthropic.BaseUrl);
        (await OpenClawRunner.DoctorFixAsync(home)).EnsureSuccess();

        await using var gateway = await GatewayProcess.StartAsync(home);
        var turn = await gateway.AgentTurnAsync("Please spawn a helper", "agent:main:seedtest");
        turn.EnsureSuccess();
        seed.Spawns.Should().Be(1, "the parent was told to spawn exactly once");
        await seed.ChildHandled.WaitAsync(TimeSpan.FromSeconds(120));
        anthropic.SawCredential(Fakes.FreshAccess).Should().BeTrue("the gateway sent the stored OAuth access token as bearer");

        await Eventually.Until(
            () => OpenClawStateDatabase.SharedProfile(home, "anthropic:default")?["access"]?.GetValue<string>().Contains(":failed:access:", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(180),
            "the announce's failed refresh leaves a failed fence in the shared store");

        await Eventually.Until(
            () => OpenClawStateDatabase.Query(home.StateDatabasePath, """
                SELECT t.task_id FROM task_runs t JOIN subagent_runs s ON s.run_id = t.run_id
                 WHERE t.runtime = 'subagent' AND t.status = 'succeeded' AND t.delivery_status = 'pending'
                   AND t.requester_session_key = 'agent:main:seedtest'
                   AND json_extract(s.payload_json, '$.delivery.status') = 'pending'
                   AND json_extract(s.payload_json, '$.delivery.attemptCount') >= 1
                   AND json_extract(s.payload_json, '$.delivery.deadlineAt') IS NOT NULL
                """).Count == 1,
            TimeSpan.FromSeconds(240),
            "the finished child's result is at risk: delivery pending with a failed attempt and a deadline");

        var log = File.ReadAllText(home.LogFile);
        log.Should().Contain("Subagent completion direct announce failed for run");
        log.Should().Contain("OAuth token refresh failed for anthropic");
        var audit = (await OpenClawRunner.TasksAuditAsync(home)).JsonOrThrow();
        audit["summary"]!["byCode"]!["delivery_failed"]!.GetValue<int>().Should().Be(0, "tasks audit does not flag an at-risk result");

        FixtureSecrets.AssertNoSecret(gateway.StdOut + gateway.StdErr, "gateway console");
        FixtureSecrets.AssertNoSecret(log, "gateway log");
        var pid = gateway.ProcessId;
        await gateway.DisposeAsync();
        OpenClawProcesses.TaggedWith(home.ScratchId).Should().BeEmpty("dispose ends the gateway and its spawn broker (pid {0})", pid);
    }
}
