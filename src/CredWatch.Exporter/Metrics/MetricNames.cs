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

    /// <summary><c>credwatch_store_present{store,agent}</c>: 1 when the store's file or directory is there, 0 when absent.</summary>
    public const string StorePresent = "credwatch.store.present";

    /// <summary><c>credwatch_store_errors_total{store,agent,reason}</c>.</summary>
    public const string StoreErrors = "credwatch.store.errors";

    /// <summary><c>credwatch_token_expiry_timestamp_seconds{store,agent,provider,profile}</c>.</summary>
    public const string TokenExpiry = "credwatch.token.expiry.timestamp";

    /// <summary><c>credwatch_refresh_token_expiry_timestamp_seconds{store,agent,provider,profile}</c>.</summary>
    public const string RefreshTokenExpiry = "credwatch.refresh_token.expiry.timestamp";

    /// <summary>
    /// <c>credwatch_login_expiry_timestamp_seconds{store,agent,provider,profile}</c>: when the login itself ends (the refresh
    /// token's expiry, or the access token's when nothing can refresh it); absent when unknown. CredWatch's own
    /// "login expiring" alert and the shipped CredWatchTokenExpiringSoon rule both read this end.
    /// </summary>
    public const string LoginExpiry = "credwatch.login.expiry.timestamp";

    /// <summary><c>credwatch_token_fingerprint_mismatch{store,agent,provider,profile}</c>.</summary>
    public const string FingerprintMismatch = "credwatch.token.fingerprint_mismatch";

    /// <summary><c>credwatch_token_state{store,agent,provider,profile,state}</c>.</summary>
    public const string TokenState = "credwatch.token.state";

    /// <summary><c>credwatch_store_last_change_timestamp_seconds{store,agent}</c>.</summary>
    public const string StoreLastChange = "credwatch.store.last_change.timestamp";

    /// <summary>
    /// Process and runtime instruments (OpenTelemetry's instrumentation packages) exported under the names Prometheus
    /// users know (node_exporter and Go clients: <c>process_resident_memory_bytes</c>, <c>process_open_fds</c>); a
    /// gauge named <c>*.count</c> would also end in <c>_count</c>, which Prometheus reserves for histograms.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ProcessRenames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["process.memory.usage"] = "process.resident_memory",
        ["process.memory.virtual"] = "process.virtual_memory",
        ["process.unix.file_descriptor.count"] = "process.open_fds",
        ["process.thread.count"] = "process.threads",
        ["dotnet.assembly.count"] = "dotnet.assemblies",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.thread_pool.thread.count"] = "dotnet.thread_pool.threads",
        ["dotnet.timer.count"] = "dotnet.timers",
    };

    /// <summary><c>credwatch_build_info{version,revision,runtime}</c>.</summary>
    public const string BuildInfo = "credwatch.build_info";

    /// <summary><c>credwatch_store_schema_version{store,agent}</c>.</summary>
    public const string StoreSchemaVersion = "credwatch.store.schema_version";

    /// <summary><c>credwatch_profile_shadowed{agent,provider,profile}</c> (shared-store shadows).</summary>
    public const string ProfileShadowed = "credwatch.profile.shadowed";

    /// <summary><c>credwatch_store_ignored_json{store,agent}</c> (discarded re-sign-ins).</summary>
    public const string StoreIgnoredJson = "credwatch.store.ignored_json";

    /// <summary><c>credwatch_http_auth_failures_total{reason}</c> (web security: basic auth / client cert refusals).</summary>
    public const string HttpAuthFailures = "credwatch.http.auth.failures";

    /// <summary><c>credwatch_web_insecure_exposed</c> (1 = non-loopback listener without TLS or basic auth).</summary>
    public const string WebInsecureExposed = "credwatch.web.insecure_exposed";

    /// <summary><c>credwatch_web_config_reloads_total{result}</c>.</summary>
    public const string WebConfigReloads = "credwatch.web.config.reloads";

    /// <summary><c>credwatch_web_tls_cert_expiry_timestamp_seconds</c> (served certificate's NotAfter).</summary>
    public const string WebTlsCertExpiry = "credwatch.web.tls.cert.expiry.timestamp";

    /// <summary><c>credwatch_task_results_undelivered{runtime,reason}</c>.</summary>
    public const string TaskResultsUndelivered = "credwatch.task.results.undelivered";

    /// <summary><c>credwatch_task_results_lost_total{runtime,reason}</c>.</summary>
    public const string TaskResultsLost = "credwatch.task.results.lost";

    /// <summary><c>credwatch_task_oldest_undelivered_age_seconds</c>.</summary>
    public const string TaskOldestUndeliveredAge = "credwatch.task.oldest.undelivered.age";

    /// <summary><c>credwatch_tasks{runtime,status}</c>.</summary>
    public const string Tasks = "credwatch.tasks";

    /// <summary><c>credwatch_task_retries_total{outcome}</c>: automatic <c>openclaw tasks retry</c> runs by outcome.</summary>
    public const string TaskRetries = "credwatch.task.retries";

    /// <summary><c>credwatch_delivery_queue_failed{channel}</c>.</summary>
    public const string DeliveryQueueFailed = "credwatch.delivery.queue.failed";

    /// <summary><c>credwatch_profile_cooldown_until_timestamp_seconds{store,agent,provider,profile}</c> (0 when none).</summary>
    public const string ProfileCooldownUntil = "credwatch.profile.cooldown_until.timestamp";

    /// <summary><c>credwatch_profile_disabled_until_timestamp_seconds{store,agent,provider,profile}</c> (0 when none).</summary>
    public const string ProfileDisabledUntil = "credwatch.profile.disabled_until.timestamp";

    /// <summary><c>credwatch_profile_disabled{store,agent,provider,profile,reason}</c>.</summary>
    public const string ProfileDisabled = "credwatch.profile.disabled";

    /// <summary><c>credwatch_profile_errors{store,agent,provider,profile}</c> (OpenClaw's errorCount: a gauge, it resets on success).</summary>
    public const string ProfileErrors = "credwatch.profile.errors";

    /// <summary><c>credwatch_profile_failures{store,agent,provider,profile,reason}</c> (OpenClaw's failureCounts: a gauge, it resets).</summary>
    public const string ProfileFailures = "credwatch.profile.failures";

    /// <summary><c>credwatch_profile_last_used_timestamp_seconds{store,agent,provider,profile}</c>.</summary>
    public const string ProfileLastUsed = "credwatch.profile.last_used.timestamp";

    /// <summary><c>credwatch_profile_last_failure_timestamp_seconds{store,agent,provider,profile}</c>.</summary>
    public const string ProfileLastFailure = "credwatch.profile.last_failure.timestamp";

    /// <summary><c>credwatch_agent_usable_profiles{agent,provider}</c>.</summary>
    public const string AgentUsableProfiles = "credwatch.agent.usable_profiles";

    /// <summary><c>credwatch_agent_usable_providers{agent}</c>.</summary>
    public const string AgentUsableProviders = "credwatch.agent.usable_providers";

    /// <summary><c>credwatch_agent_effective_credential{agent,provider,store,profile,kind,state}</c>: what the next turn uses, 1 when alive.</summary>
    public const string AgentEffectiveCredential = "credwatch.agent.effective_credential";

    /// <summary><c>credwatch_profile_last_good{store,agent,provider,profile}</c>.</summary>
    public const string ProfileLastGood = "credwatch.profile.last_good";

    /// <summary><c>credwatch_profile_config_smell{store,agent,provider,profile,smell}</c>.</summary>
    public const string ProfileConfigSmell = "credwatch.profile.config_smell";

    /// <summary><c>credwatch_resyncs_total{agent}</c>.</summary>
    public const string Resyncs = "credwatch.resyncs";

    /// <summary><c>credwatch_resync_failures_total{agent,reason}</c>.</summary>
    public const string ResyncFailures = "credwatch.resync.failures";

    /// <summary><c>credwatch_resync_skipped_total{agent,reason}</c>.</summary>
    public const string ResyncSkipped = "credwatch.resync.skipped";

    /// <summary><c>credwatch_metrics_agent_capacity</c>: OpenClaw agents the fleet-shaped metrics were sized for at start.</summary>
    public const string MetricsAgentCapacity = "credwatch.metrics.agent_capacity";

    /// <summary><c>credwatch_metrics_agents</c>: OpenClaw agent stores known now (compare with the capacity).</summary>
    public const string MetricsAgents = "credwatch.metrics.agents";

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
    public const string TagRevision = "revision";
    public const string TagRuntime = "runtime";

    /// <summary>Credential kind of the effective credential (<c>oauth</c>, <c>token</c>, <c>api_key</c>, <c>cli_overlay</c>, <c>none</c>).</summary>
    public const string TagKind = "kind";

    /// <summary>Config-smell kind.</summary>
    public const string TagSmell = "smell";
}
