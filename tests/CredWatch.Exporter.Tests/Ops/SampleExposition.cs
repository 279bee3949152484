using System.Globalization;
using System.Text;

namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// A Prometheus text exposition with every CredWatch metric under its real name and labels (including
/// the OTel exporter's otel_scope_* labels): what a CredWatch with two agents would serve. Stands in
/// for the real host until it is wired; values are relative to <paramref name="now"/>.
/// </summary>
internal sealed class SampleExposition(DateTimeOffset now)
{
    private readonly Dictionary<string, (string Type, List<string> Lines)> _families = new(StringComparer.Ordinal);

    /// <summary>main's anthropic:default copy is stale (its refresh token was rotated by the Claude CLI).</summary>
    public bool MainCopyStale { get; init; }

    public string Render()
    {
        _families.Clear();
        var t = now.ToUnixTimeSeconds();
        var main = Labels(("store", "openclaw"), ("agent", "main"));
        var cli = Labels(("store", "claude-cli"));
        var mainProfile = Labels(("store", "openclaw"), ("agent", "main"), ("provider", "anthropic"), ("profile", "anthropic:default"));
        var cliProfile = Labels(("store", "claude-cli"), ("provider", "anthropic"), ("profile", "claude-cli"));
        var openai = Labels(("store", "openclaw"), ("agent", "main"), ("provider", "openai"), ("profile", "openai:default"));

        Gauge("credwatch_build_info", Labels(("version", "0.1.0")), 1);
        Gauge("credwatch_store_up", main, 1);
        Gauge("credwatch_store_up", cli, 1);
        Counter("credwatch_store_errors_total", Add(main, ("reason", "invalid_json")), 0);
        Gauge("credwatch_token_expiry_timestamp_seconds", mainProfile, t + (4 * 3600));
        Gauge("credwatch_token_expiry_timestamp_seconds", cliProfile, t + (5 * 3600));
        Gauge("credwatch_refresh_token_expiry_timestamp_seconds", cliProfile, t + (20 * 86400));
        Gauge("credwatch_token_fingerprint_mismatch", mainProfile, MainCopyStale ? 1 : 0);
        Gauge("credwatch_token_fingerprint_mismatch", cliProfile, 0);
        foreach (var state in KnownMetrics.TokenStates)
        {
            Gauge("credwatch_token_state", Add(mainProfile, ("state", state)), state == (MainCopyStale ? "stale" : "in_sync") ? 1 : 0);
            Gauge("credwatch_token_state", Add(cliProfile, ("state", state)), state == "in_sync" ? 1 : 0);
        }

        Gauge("credwatch_store_last_change_timestamp_seconds", main, t - 60);
        Gauge("credwatch_store_schema_version", main, 23);
        Gauge("credwatch_profile_shadowed", Labels(("agent", "main"), ("provider", "anthropic"), ("profile", "anthropic:default")), 0);
        Gauge("credwatch_store_ignored_json", main, 0);

        foreach (var signal in KnownMetrics.LogSignals)
        {
            Counter("credwatch_log_signals_total", Labels(("signal", signal), ("provider", "anthropic")), 0);
        }

        Counter("credwatch_log_lines_total", Labels(), 120);
        Counter("credwatch_log_read_bytes_total", Labels(), 96_000);
        Counter("credwatch_log_rotations_total", Labels(("kind", "rename")), 0);
        Counter("credwatch_log_skipped_lines_total", Labels(("reason", "too_long")), 0);
        Gauge("credwatch_log_last_signal_timestamp_seconds", Labels(("signal", "oauth_refresh_failed")), t - 3600);

        Counter("credwatch_alerts_sent_total", Labels(("kind", "token")), 1);
        Counter("credwatch_alert_send_failures_total", Labels(("reason", "network")), 0);
        Gauge("credwatch_alert_outbox_depth", Labels(), 0);
        Gauge("credwatch_alerts_firing", Labels(("kind", "token")), 0);

        Counter("credwatch_resyncs_total", Labels(("agent", "main")), 1);
        Counter("credwatch_resync_failures_total", Labels(("agent", "main"), ("reason", "lock_timeout")), 0);
        Counter("credwatch_resync_skipped_total", Labels(("agent", "main"), ("reason", "fence")), 0);

        Gauge("credwatch_profile_cooldown_until_timestamp_seconds", openai, t + 600);
        Gauge("credwatch_profile_cooldown_until_timestamp_seconds", mainProfile, 0);
        Gauge("credwatch_profile_disabled_until_timestamp_seconds", openai, t + 3600);
        Gauge("credwatch_profile_disabled", Add(openai, ("reason", "auth_permanent")), 1);
        Gauge("credwatch_profile_errors", openai, 3);
        Gauge("credwatch_profile_failures", Add(openai, ("reason", "auth")), 3);
        Gauge("credwatch_profile_last_used_timestamp_seconds", mainProfile, t - 100);
        Gauge("credwatch_profile_last_failure_timestamp_seconds", openai, t - 50);
        Gauge("credwatch_agent_usable_profiles", Labels(("agent", "main"), ("provider", "anthropic")), 1);
        Gauge("credwatch_agent_usable_profiles", Labels(("agent", "main"), ("provider", "openai")), 0);
        Gauge("credwatch_agent_usable_providers", Labels(("agent", "main")), 1);
        Gauge("credwatch_profile_last_good", mainProfile, 1);

        Counter("credwatch_http_auth_failures_total", Labels(), 0);
        Gauge("credwatch_web_insecure_exposed", Labels(), 0);

        Gauge("credwatch_task_results_undelivered", Labels(("runtime", "subagent"), ("reason", "delivery_failed")), 0);
        Counter("credwatch_task_results_lost_total", Labels(("runtime", "subagent"), ("reason", "delivery_failed")), 0);
        Gauge("credwatch_task_oldest_undelivered_age_seconds", Labels(), 0);
        Gauge("credwatch_tasks", Labels(("runtime", "subagent"), ("status", "succeeded")), 3);
        Gauge("credwatch_delivery_queue_failed", Labels(("channel", "telegram")), 0);

        var sb = new StringBuilder();
        foreach (var (name, (type, lines)) in _families)
        {
            sb.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (var line in lines)
            {
                sb.Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static List<(string, string)> Labels(params (string, string)[] labels) => [.. labels];

    private static List<(string, string)> Add(List<(string, string)> labels, params (string, string)[] more) => [.. labels, .. more];

    private void Gauge(string name, List<(string, string)> labels, double value) => Sample("gauge", name, labels, value);

    private void Counter(string name, List<(string, string)> labels, double value) => Sample("counter", name, labels, value);

    private void Sample(string type, string name, List<(string, string)> labels, double value)
    {
        if (!_families.TryGetValue(name, out var family))
        {
            family = (type, []);
            _families[name] = family;
        }

        var scope = name.StartsWith("credwatch_log_", StringComparison.Ordinal) ? "CredWatch.LogTail"
            : name.StartsWith("credwatch_alert", StringComparison.Ordinal) ? "CredWatch.Alerts" : "CredWatch.Exporter";
        var all = labels.Append(("otel_scope_name", scope));
        var text = string.Join(',', all.Select(l => $"{l.Item1}=\"{l.Item2}\""));
        family.Lines.Add($"{name}{{{text}}} {value.ToString("R", CultureInfo.InvariantCulture)}");
    }
}
