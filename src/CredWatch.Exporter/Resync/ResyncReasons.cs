namespace CredWatch.Exporter.Resync;

/// <summary>The bounded set of <c>reason</c> label values resync emits (metrics, logs, CLI, alerts).</summary>
internal static class ResyncReasons
{
    // Refusals (credwatch_resync_skipped_total): nothing was attempted.
    public const string Unrelated = "unrelated";
    public const string Ahead = "ahead";
    public const string SourceExpired = "source_expired";
    public const string SourceBlanked = "source_blanked";
    public const string Fenced = "fenced";
    public const string Passthrough = "passthrough";
    public const string Unproven = "unproven_login";
    public const string NotOAuth = "not_oauth";
    public const string CliTargetDisabled = "cli_target_disabled";
    public const string SqliteGatewayOwned = "sqlite_gateway_owned";
    public const string UnsupportedLayout = "unsupported_layout";
    public const string NotStale = "not_stale";

    // Failures (credwatch_resync_failures_total): an attempt that did not complete.
    public const string LockTimeout = "lock_timeout";
    public const string LockError = "lock_error";
    public const string LockLost = "lock_lost";
    public const string PreconditionChanged = "precondition_changed";
    public const string SourceChanged = "source_changed";
    public const string VerifyFailed = "verify_failed";
    public const string WriteFailed = "write_failed";
    public const string ReadFailed = "read_failed";
    public const string MalformedStore = "malformed_store";
    public const string Busy = "busy";
    public const string UnsafePath = "unsafe_path";

    /// <summary>Every value, so tests and dashboards can check label cardinality.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Unrelated, Ahead, SourceExpired, SourceBlanked, Fenced, Passthrough, Unproven, NotOAuth, CliTargetDisabled,
        SqliteGatewayOwned, UnsupportedLayout, NotStale, LockTimeout, LockError, LockLost, PreconditionChanged,
        SourceChanged, VerifyFailed, WriteFailed, ReadFailed, MalformedStore, Busy, UnsafePath,
    ];
}
