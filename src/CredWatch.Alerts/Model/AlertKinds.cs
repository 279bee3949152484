namespace CredWatch.Alerts.Model;

/// <summary>
/// The bounded set of alert kinds (the <c>kind</c> label). Producers may use other snake_case kinds;
/// these are pre-created at 0 in the metrics so dashboards see them before the first alert.
/// </summary>
public static class AlertKinds
{
    public const string StaleCopy = "stale_copy";
    public const string TokenExpiring = "token_expiring";
    public const string TokenExpired = "token_expired";
    public const string StoreUnreadable = "store_unreadable";
    public const string OAuthRefreshFailed = "oauth_refresh_failed";
    public const string ResultLost = "result_lost";
    public const string ResyncDone = "resync_done";
    public const string ResyncFailed = "resync_failed";
    public const string ReloginRequired = "relogin_required";
    public const string MigrationRequired = "migration_required";
    public const string NoUsableAuth = "no_usable_auth";
    public const string TaskUndelivered = "task_undelivered";

    /// <summary>Sent only by <c>alert-test</c>.</summary>
    public const string Test = "test";

    public static IReadOnlyList<string> Known { get; } =
    [
        StaleCopy, TokenExpiring, TokenExpired, StoreUnreadable, OAuthRefreshFailed, ResultLost, ResyncDone,
        ResyncFailed, ReloginRequired, MigrationRequired, NoUsableAuth, TaskUndelivered,
    ];

    /// <summary>A kind is a short snake_case word so the metric label stays bounded and printable.</summary>
    public static bool IsValid(string? kind) =>
        !string.IsNullOrEmpty(kind) && kind.Length <= 40 && kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') && char.IsAsciiLetterLower(kind[0]);
}
