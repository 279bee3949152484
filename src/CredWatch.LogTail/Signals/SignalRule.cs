namespace CredWatch.LogTail.Signals;

/// <summary>How repeated lines about one failure collapse into one counted signal.</summary>
internal enum DedupeMode
{
    /// <summary>Every matching line is one event (each is a distinct attempt).</summary>
    None,

    /// <summary>Once per (signal, run id); lines without a run id each count.</summary>
    PerRun,

    /// <summary>
    /// One failure episode per (signal, provider): see <see cref="SignalDeduplicator"/>. For failures that
    /// OpenClaw repeats across several lines of one turn, only some of which carry the run id.
    /// </summary>
    ProviderEpisode,
}

/// <summary>One entry of the rule table: cheap byte anchors for the prefilter, then the precise match.</summary>
internal sealed record SignalRule(string Signal, IReadOnlyList<string> Anchors, DedupeMode Dedupe, Func<LogLine, IEnumerable<SignalMatch>> Match);

/// <summary>What a rule extracted from one line (before de-duplication and time/origin stamping).</summary>
internal sealed record SignalMatch
{
    public required string Signal { get; init; }

    public string? ProviderName { get; init; }

    public string? RunId { get; init; }

    public string? ChildSessionKey { get; init; }

    public string? Requester { get; init; }

    public string? Source { get; init; }

    public string? Reason { get; init; }

    public int? HttpStatus { get; init; }

    public bool RefreshTokenReused { get; init; }

    public int? Retries { get; init; }

    public string? Lane { get; init; }
}
