namespace CredWatch.Alerts.Metrics;

/// <summary>Every instrument of the alerts meter. Scraped names in comments (OTel Prometheus naming).</summary>
public static class AlertMetricNames
{
    public const string MeterName = "CredWatch.Alerts";

    /// <summary>Series any instrument of this meter may have: its labels come from small closed sets (kind, reason).</summary>
    public const int CardinalityLimit = 500;

    /// <summary>credwatch_alerts_sent_total{kind}</summary>
    public const string Sent = "credwatch.alerts.sent";

    /// <summary>credwatch_alert_send_failures_total{reason}</summary>
    public const string SendFailures = "credwatch.alert.send.failures";

    /// <summary>credwatch_alert_outbox_depth</summary>
    public const string OutboxDepth = "credwatch.alert.outbox.depth";

    /// <summary>credwatch_alerts_firing{kind}</summary>
    public const string Firing = "credwatch.alerts.firing";

    /// <summary>credwatch_command_bot_commands_total{command,outcome}</summary>
    public const string Commands = "credwatch.command_bot.commands";

    public static IReadOnlyList<string> FailureReasons { get; } =
        ["rate_limited", "server_error", "network", "timeout", "bad_request", "unauthorized", "forbidden", "not_found", "dropped", "outbox_write_failed", "outbox_corrupt", "no_target", "interrupted_send"];
}
