using CredWatch.Exporter.Tasks;

namespace CredWatch.Exporter.Tests.Tasks;

public sealed class TaskPureTests
{
    [Theory]
    [InlineData("delivery path none did not complete", null, "delivery")]
    [InlineData("delivery path none did not complete", "No API key found for provider \"anthropic\"", "auth")]
    [InlineData("OAuth token refresh failed for anthropic", null, "auth")]
    [InlineData("request timed out after 600s", null, "timeout")]
    [InlineData("429 Too Many Requests", null, "rate_limit")]
    [InlineData("connect ECONNREFUSED 127.0.0.1:443", null, "network")]
    [InlineData("something odd", null, "unknown")]
    [InlineData(null, null, "none")]
    public void ErrorClasses(string? error, string? lastError, string expected) =>
        ErrorClassifier.Classify(error, lastError).Should().Be(expected);

    [Theory]
    [InlineData("agent:main:telegram:group:-1001234567890:topic:42", "telegram", "-1001234567890", "42")]
    [InlineData("agent:ops:telegram:direct:12345", "telegram", "12345", null)]
    [InlineData("agent:main:main", null, null, null)]
    [InlineData("garbage", null, null, null)]
    public void RequesterSessionKeys(string key, string? channel, string? to, string? thread)
    {
        var o = RequesterOrigin.FromSessionKey(key);
        o?.Channel.Should().Be(channel);
        o?.To.Should().Be(to);
        o?.ThreadId.Should().Be(thread);
        (o is null).Should().Be(channel is null);
    }

    [Fact]
    public void RecordedOriginWinsOverTheSessionKey()
    {
        var o = LedgerRows.ParseOrigin("{\"channel\":\"telegram\",\"to\":\"-100777\",\"threadId\":9,\"accountId\":\"default\"}");
        o.Should().Be(new RequesterOrigin("telegram", "-100777", "9", "default"));
        LedgerRows.ParseOrigin("{torn").Should().BeNull();
    }

    [Fact]
    public void LabelsAreBoundedSingleLine()
    {
        UndeliveredResultBuilder.ShortLabel(null, "line one\n\n\tline two " + new string('x', 200)).Should().StartWith("line one line two").And.HaveLength(80);
        UndeliveredResultBuilder.ShortLabel("  ", null).Should().Be("(no label)");
        UndeliveredResultBuilder.ShortLabel(new string('é', 79) + "😀😀", null).Should().HaveLength(79, "a surrogate pair is never split");
    }

    [Fact]
    public void OptionsValidation_RejectsNonsense()
    {
        var v = new TaskLedgerOptionsValidator();
        v.Validate(null, new TaskLedgerOptions()).Succeeded.Should().BeTrue();
        v.Validate(null, new TaskLedgerOptions { PollInterval = TimeSpan.Zero }).Failed.Should().BeTrue();
        v.Validate(null, new TaskLedgerOptions { StuckPendingGrace = TimeSpan.FromMinutes(-1) }).Failed.Should().BeTrue();
        v.Validate(null, new TaskLedgerOptions { BusyTimeout = TimeSpan.FromSeconds(10) }).Failed.Should().BeTrue();
    }

    [Fact]
    public void ReloginCommand_NamesNonMainAgentAndQuotesTheProfile()
    {
        var t = new LedgerTask
        {
            RowId = 1, TaskId = "abc-1", Runtime = "subagent", Status = "succeeded", DeliveryStatus = "failed",
            RequesterSessionKey = "agent:hr-bp:telegram:group:-1:topic:2", CreatedAt = 1, EndedAt = 2,
            Error = "delivery path none did not complete",
        };
        var r = UndeliveredResultBuilder.Build(t, UndeliveredReason.DeliveryFailed, new AgentLoginState("hr-bp", "anthropic", "anthropic:o'brien", "expired", true));

        r.Commands[0].Command.Should().Be("openclaw models auth login --provider anthropic --profile-id 'anthropic:o'\\''brien' --agent hr-bp");
        r.Commands[1].Command.Should().Be("openclaw tasks retry abc-1");
        r.AgentId.Should().Be("hr-bp");
    }
}
