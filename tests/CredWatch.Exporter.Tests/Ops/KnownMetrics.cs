namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// Every metric CredWatch exports, as scraped (the public interface fixed in METRICS.md). Rules and
/// dashboard may only use these (plus Prometheus' own series such as up, ALERTS, push_time_seconds).
/// </summary>
internal static class KnownMetrics
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "credwatch_store_up", "credwatch_store_present", "credwatch_store_errors_total", "credwatch_token_expiry_timestamp_seconds", "credwatch_login_expiry_timestamp_seconds",
        "credwatch_refresh_token_expiry_timestamp_seconds", "credwatch_token_fingerprint_mismatch", "credwatch_token_state",
        "credwatch_store_last_change_timestamp_seconds", "credwatch_build_info", "credwatch_store_schema_version",
        "credwatch_profile_shadowed", "credwatch_store_ignored_json",
        "credwatch_log_signals_total", "credwatch_log_lines_total", "credwatch_log_read_bytes_total", "credwatch_log_rotations_total",
        "credwatch_log_skipped_lines_total", "credwatch_log_last_signal_timestamp_seconds",
        "credwatch_alerts_sent_total", "credwatch_alert_send_failures_total", "credwatch_alert_outbox_depth", "credwatch_alerts_firing",
        "credwatch_resyncs_total", "credwatch_resync_failures_total", "credwatch_resync_skipped_total",
        "credwatch_profile_cooldown_until_timestamp_seconds", "credwatch_profile_disabled_until_timestamp_seconds",
        "credwatch_profile_disabled", "credwatch_profile_errors", "credwatch_profile_failures", "credwatch_profile_last_used_timestamp_seconds",
        "credwatch_profile_last_failure_timestamp_seconds", "credwatch_agent_usable_profiles", "credwatch_agent_usable_providers",
        "credwatch_profile_last_good", "credwatch_agent_effective_credential",
        "credwatch_http_auth_failures_total", "credwatch_web_insecure_exposed",
        "credwatch_task_results_undelivered", "credwatch_task_results_lost_total", "credwatch_task_oldest_undelivered_age_seconds",
        "credwatch_tasks", "credwatch_delivery_queue_failed",
        "credwatch_metrics_agents", "credwatch_metrics_agent_capacity", "credwatch_state_file_errors_total",
    };

    public static readonly IReadOnlyList<string> TokenStates =
    [
        "in_sync", "stale", "ahead", "unrelated", "expired", "blanked", "refreshing", "refresh_stuck", "relogin_required",
        "passthrough", "migration_required", "own_login",
    ];

    public static readonly IReadOnlyList<string> LogSignals =
    [
        "oauth_refresh_failed", "orphan_run_pruned", "announce_give_up", "announce_failed", "token_refresh_http_error",
        "all_models_failed", "no_api_key", "signin_expired", "migration_required", "credentials_missing",
    ];
}
