namespace CredWatch.Exporter.Tests.Tasks;

public sealed record TaskRow
{
    public required string Id { get; init; }

    public string Runtime { get; init; } = "subagent";

    public string Status { get; init; } = "succeeded";

    public string DeliveryStatus { get; init; } = "delivered";

    public string NotifyPolicy { get; init; } = "done_only";

    public string RequesterSessionKey { get; init; } = "agent:main:telegram:group:-1001234567890:topic:42";

    public string? ChildSessionKey { get; init; }

    public string? AgentId { get; init; } = "main";

    public string? RequesterAgentId { get; init; }

    public string? RunId { get; init; }

    public string? Label { get; init; }

    public string? Task { get; init; }

    public required long CreatedAt { get; init; }

    public long? EndedAt { get; init; }

    public long? LastEventAt { get; init; }

    public string? Error { get; init; }

    public string? TerminalOutcome { get; init; }
}
