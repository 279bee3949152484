namespace CredWatch.LogTail.Signals;

/// <summary>A log line reduced to what the signal rules read. The text never leaves the matcher.</summary>
internal sealed record LogLine
{
    /// <summary>The message: OpenClaw's numeric keys joined with spaces (objects as JSON), else <c>message</c>, else the raw line.</summary>
    public required string Text { get; init; }

    public DateTimeOffset? Time { get; init; }

    public string? Level { get; init; }

    public string? RunId { get; init; }

    public string? SessionId { get; init; }

    public string? AgentId { get; init; }

    public string? Channel { get; init; }

    /// <summary>A provider named in structured meta (<c>provider</c>, <c>candidateProvider</c>).</summary>
    public string? MetaProvider { get; init; }

    public bool IsJson { get; init; }
}
