using CredWatch.Exporter.Cli;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tests.Support;
using CredWatch.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Cli;

/// <summary>
/// <c>check --openclaw</c> against a stand-in executable that prints what the real 2026.9.6 printed
/// (fixtures/openclaw-2026.9.6/models-status-after-doctor.json); the real program runs in RealOpenClaw/.
/// </summary>
public sealed class OpenClawCrossCheckTests : IDisposable
{
    // Between the capture's first doctor and the expiry of its fresh logins (1795596701000).
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1795575200000);
    private readonly TempHome _home = new(withFixtures: false);
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose() => _home.Dispose();

    private static string Fixture(params string[] parts) => Path.Combine([RealSchema.Dir, .. parts]);

    private string SharedRowsAfterFirstDoctor() =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Fixture("migration", "state-config_machine_state-auth-after-first-doctor.json")))!.AsArray()
            .Single(r => r!["state_key"]!.GetValue<string>() == "authProfiles.store")!["value_json"]!.GetValue<string>();

    private string FakeOpenClaw(string stdoutFile, int exit = 0, string? sleep = null)
    {
        var path = Path.Combine(_home.Root, "bin", "openclaw");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"#!/bin/sh\n{(sleep is null ? "" : "sleep " + sleep + "\n")}cat '{stdoutFile}'\nexit {exit}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private async Task<IReadOnlyList<CheckLine>> Run(string? bin, TimeSpan? timeout = null)
    {
        var state = await _home.ScanAsync(_time);
        var lines = await new OpenClawCrossCheck(bin, timeout ?? TimeSpan.FromSeconds(60), _home.Installation(), _time).GetLinesAsync(state, CancellationToken.None);
        FixtureSecrets.AssertNoSecret(string.Join('\n', lines), "cross-check lines");
        return lines;
    }

    [Fact]
    public async Task The_real_capture_agrees_with_credwatch_including_the_failed_fence_openclaw_calls_expired()
    {
        RealSchema.CreateStateDb(_home, storeJson: SharedRowsAfterFirstDoctor());
        var lines = await Run(FakeOpenClaw(Fixture("models-status-after-doctor.json")));
        lines.Should().ContainSingle().Which.Severity.Should().Be(CheckSeverity.Ok, string.Join('\n', lines));
        lines[0].Message.Should().Contain("agrees with CredWatch on 3 OAuth profile(s)");
    }

    [Fact]
    public async Task A_different_expiry_and_a_profile_openclaw_does_not_list_are_reported()
    {
        var store = SharedRowsAfterFirstDoctor().Replace("1795596701000", "1795599999000", StringComparison.Ordinal);
        RealSchema.CreateStateDb(_home, storeJson: store.Replace("\"anthropic:ops\"", "\"anthropic:extra\"", StringComparison.Ordinal));
        var lines = await Run(FakeOpenClaw(Fixture("models-status-after-doctor.json")));
        lines.Should().OnlyContain(l => l.Severity == CheckSeverity.Warning);
        lines.Should().Contain(l => l.Subject == "agent main anthropic:default" && l.Message.StartsWith("expiry differs", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Subject == "agent main anthropic:ops" && l.Message.Contains("CredWatch found no such OAuth profile", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Subject == "agent main anthropic:extra" && l.Message.Contains("OpenClaw does not list it", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Subject.EndsWith("anthropic:old", StringComparison.Ordinal), "a failed fence that OpenClaw calls expired is not a disagreement");
    }

    [Fact]
    public async Task Openclaw_refusing_the_store_is_a_warning_with_its_own_message()
    {
        RealSchema.CreateStateDb(_home, storeJson: SharedRowsAfterFirstDoctor());
        var answer = Path.Combine(_home.Root, "refused.json");
        File.WriteAllText(answer, """{"ok":false,"error":{"type":"cli_error","message":"Auth profile store ~/.openclaw/agents/main/agent/openclaw-agent.sqlite requires legacy credential migration; affected providers: anthropic; run openclaw doctor --fix."}}""");
        var line = (await Run(FakeOpenClaw(answer, exit: 1))).Should().ContainSingle().Subject;
        line.Severity.Should().Be(CheckSeverity.Warning);
        line.Message.Should().Contain("exited 1").And.Contain("requires legacy credential migration");
    }

    [Fact]
    public async Task A_hanging_openclaw_is_killed_at_the_timeout()
    {
        RealSchema.CreateStateDb(_home, storeJson: SharedRowsAfterFirstDoctor());
        var line = (await Run(FakeOpenClaw(Fixture("models-status-after-doctor.json"), sleep: "300"), TimeSpan.FromSeconds(1))).Should().ContainSingle().Subject;
        line.Severity.Should().Be(CheckSeverity.Warning);
        line.Message.Should().Contain("did not answer");
    }

    [Fact]
    public async Task No_executable_is_a_skip_note_never_an_error()
    {
        RealSchema.CreateStateDb(_home, storeJson: SharedRowsAfterFirstDoctor());
        var line = (await Run(Path.Combine(_home.Root, "no-such-openclaw"))).Should().ContainSingle().Subject;
        line.Severity.Should().Be(CheckSeverity.Ok);
        line.Message.Should().StartWith("skipped:");
    }
}
