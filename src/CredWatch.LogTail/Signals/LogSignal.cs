namespace CredWatch.LogTail.Signals;

/// <summary>
/// One failure CredWatch read in OpenClaw's logs. Carries identifiers only (run ids, session keys,
/// provider, HTTP status) — never the message body, which can hold token material.
/// </summary>
public sealed record LogSignal
{
    /// <summary>One of <see cref="SignalNames"/>.</summary>
    public required string Signal { get; init; }

    /// <summary>Bounded provider label (<see cref="SignalNames.KnownProviders"/> or <c>none</c>).</summary>
    public required string Provider { get; init; }

    /// <summary>The provider as the line names it, sanitised to <c>[A-Za-z0-9._-]</c>, at most 64 chars.</summary>
    public string? ProviderName { get; init; }

    /// <summary>The line's own time (<c>time</c>, else <c>_meta.date</c>), else when CredWatch read it.</summary>
    public required DateTimeOffset Time { get; init; }

    public string? RunId { get; init; }

    public string? ChildSessionKey { get; init; }

    public RequesterKey? Requester { get; init; }

    /// <summary>orphan_run_pruned: restore | resume.</summary>
    public string? Source { get; init; }

    /// <summary>orphan_run_pruned / announce_give_up reason (e.g. missing-session-entry, retry-limit, expiry).</summary>
    public string? Reason { get; init; }

    /// <summary>token_refresh_http_error: the HTTP status.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>token_refresh_http_error: the body said <c>refresh_token_reused</c>.</summary>
    public bool RefreshTokenReused { get; init; }

    public int? Retries { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    public string? Channel { get; init; }

    /// <summary>OpenClaw's command lane (<c>main</c>, <c>session:agent:main:main</c>) when the line names one.</summary>
    public string? Lane { get; init; }

    /// <summary>
    /// OpenClaw 2026.9.6+ coalesces repeated auth fallback decisions: the line says how many identical ones it
    /// suppressed since the previous line of the same decision (<c>(N duplicates suppressed in last 30s)</c>).
    /// </summary>
    public int? SuppressedDuplicates { get; init; }

    /// <summary>Where the line came from: a file path or <c>journald</c>.</summary>
    public string? Origin { get; init; }
}
