namespace CredWatch.Exporter.Tasks;

/// <summary>JSON shape of one undelivered result in <c>/api/status</c> and <c>scan --tasks --json</c>.</summary>
internal sealed record TaskResultItem
{
    public required string TaskId { get; init; }

    public required string Runtime { get; init; }

    public required string Reason { get; init; }

    public string? Agent { get; init; }

    public string? RequesterSessionKey { get; init; }

    /// <summary>Chat and topic, e.g. <c>telegram:-1001234567890/42</c> (null: default target).</summary>
    public string? Topic { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public required string Label { get; init; }

    public required string ErrorClass { get; init; }

    public required string Cause { get; init; }

    public string? LoginState { get; init; }

    public DateTimeOffset? DeadlineAt { get; init; }

    public string? SuspendedReason { get; init; }

    public string? LastError { get; init; }

    public required IReadOnlyList<TaskCommand> Commands { get; init; }

    public static TaskResultItem From(UndeliveredResult r) => new()
    {
        TaskId = r.TaskId,
        Runtime = r.Runtime,
        Reason = r.ReasonLabel,
        Agent = r.AgentId,
        RequesterSessionKey = r.RequesterSessionKey,
        Topic = r.Origin?.Display,
        EndedAt = r.EndedAt,
        Label = r.Label,
        ErrorClass = r.ErrorClass,
        Cause = r.Cause,
        LoginState = r.Login?.State,
        DeadlineAt = r.DeadlineAt,
        SuspendedReason = r.SuspendedReason,
        LastError = r.LastError,
        Commands = r.Commands,
    };
}
