namespace CredWatch.Exporter.Tasks;

/// <summary>
/// One undelivered result, IO-free, for alerts, <c>check</c>, <c>scan --tasks</c> and <c>/api/status</c>.
/// Carries at most an 80-character label of the task — never its result (<c>terminal_summary</c> is never read).
/// </summary>
internal sealed record UndeliveredResult
{
    public required string TaskId { get; init; }

    /// <summary>Runtime label (subagent, acp, cron, cli, other).</summary>
    public required string Runtime { get; init; }

    public required UndeliveredReason Reason { get; init; }

    public string ReasonLabel => Reason.ToLabel();

    /// <summary>The requester's agent (whose turn receives the result), else the task's agent.</summary>
    public string? AgentId { get; init; }

    /// <summary>The session waiting for the result, for chat/topic routing (e.g. <c>agent:main:telegram:group:-100…:topic:42</c>).</summary>
    public string? RequesterSessionKey { get; init; }

    /// <summary>The chat/topic to tell, from OpenClaw's recorded origin or the session key; null routes to the default target.</summary>
    public RequesterOrigin? Origin { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public DateTimeOffset? LastEventAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>At most 80 characters of <c>label</c>, else of <c>task</c>, single-line.</summary>
    public required string Label { get; init; }

    /// <summary>Class of the recorded error text (auth, timeout, rate_limit, network, delivery, cancelled, unknown, none).</summary>
    public required string ErrorClass { get; init; }

    /// <summary>
    /// Why, joined: <c>auth</c> when the requester agent's login was broken when CredWatch first saw the
    /// result, even if OpenClaw only recorded "delivery path none did not complete"; else <see cref="ErrorClass"/>.
    /// </summary>
    public required string Cause { get; init; }

    /// <summary>The requester agent's login at the time (when the core knew it).</summary>
    public AgentLoginState? Login { get; init; }

    /// <summary>at_risk: until when OpenClaw keeps retrying by itself (after that it gives up).</summary>
    public DateTimeOffset? DeadlineAt { get; init; }

    /// <summary>The run's delivery state (e.g. suspended, pending), when it has one.</summary>
    public string? DeliveryState { get; init; }

    /// <summary>blocked: OpenClaw's suspendedReason (e.g. expiry, permanent_failure).</summary>
    public string? SuspendedReason { get; init; }

    /// <summary>blocked/at_risk: the run's lastError, bounded and with token-like strings redacted.</summary>
    public string? LastError { get; init; }

    public int AttemptCount { get; init; }

    /// <summary>What to run, in order: fix the cause, then retry (subagent completions), or dismiss.</summary>
    public required IReadOnlyList<TaskCommand> Commands { get; init; }

    /// <summary>Newest-first sort key (ended, else last event, else created).</summary>
    public DateTimeOffset SortTime => EndedAt ?? LastEventAt ?? CreatedAt;

    /// <summary>Newest first, then by task id.</summary>
    public static int NewestFirst(UndeliveredResult a, UndeliveredResult b) =>
        b.SortTime.CompareTo(a.SortTime) is var c and not 0 ? c : string.CompareOrdinal(a.TaskId, b.TaskId);
}
