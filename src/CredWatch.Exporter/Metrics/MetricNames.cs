namespace CredWatch.Exporter.Metrics;

/// <summary>
/// Every instrument name of the Exporter core (OTel names; the Prometheus exporter turns dots into
/// underscores, appends <c>_seconds</c> for unit <c>s</c> and <c>_total</c> for counters — see METRICS.md).
/// </summary>
internal static class MetricNames
{
    /// <summary>Meter of the Exporter (exported with every <c>CredWatch.*</c> meter).</summary>
    public const string Meter = "CredWatch.Exporter";

    /// <summary><c>credwatch_store_up{store,agent}</c>.</summary>
    public const string StoreUp = "credwatch.store.up";

    /// <summary><c>credwatch_store_errors_total{store,agent,reason}</c>.</summary>
    public const string StoreErrors = "credwatch.store.errors";

    /// <summary><c>credwatch_token_expiry_timestamp_seconds{store,agent,provider,profile}</c>.</summary>
    public const string TokenExpiry = "credwatch.token.expiry.timestamp";

    /// <summary><c>credwatch_refresh_token_expiry_timestamp_seconds{store,agent,provider,profile}</c>.</summary>
    public const string RefreshTokenExpiry = "credwatch.refresh_token.expiry.timestamp";

    /// <summary><c>credwatch_token_fingerprint_mismatch{store,agent,provider,profile}</c>.</summary>
    public const string FingerprintMismatch = "credwatch.token.fingerprint_mismatch";

    /// <summary><c>credwatch_token_state{store,agent,provider,profile,state}</c>.</summary>
    public const string TokenState = "credwatch.token.state";

    /// <summary><c>credwatch_store_last_change_timestamp_seconds{store,agent}</c>.</summary>
    public const string StoreLastChange = "credwatch.store.last_change.timestamp";

    /// <summary><c>credwatch_build_info{version}</c>.</summary>
    public const string BuildInfo = "credwatch.build_info";

    /// <summary><c>credwatch_store_schema_version{store,agent}</c>.</summary>
    public const string StoreSchemaVersion = "credwatch.store.schema_version";

    /// <summary><c>credwatch_profile_shadowed{agent,provider,profile}</c> (issue 10: shared-store shadows).</summary>
    public const string ProfileShadowed = "credwatch.profile.shadowed";

    /// <summary><c>credwatch_store_ignored_json{store,agent}</c> (issue 10: discarded re-sign-ins).</summary>
    public const string StoreIgnoredJson = "credwatch.store.ignored_json";

    /// <summary>Seconds unit: the exporter appends <c>_seconds</c>.</summary>
    public const string UnitSeconds = "s";

    /// <summary>Tag names.</summary>
    public const string TagStore = "store";

    public const string TagAgent = "agent";
    public const string TagProvider = "provider";
    public const string TagProfile = "profile";
    public const string TagReason = "reason";
    public const string TagState = "state";
    public const string TagVersion = "version";
}
