namespace CredWatch.Exporter.Tests.Ops;

/// <summary>
/// Metrics a dashboard panel may read that the real CredWatch on the fixture home does not export, each with
/// its reason. Panels needing only exported metrics must return data; <c>Every_exemption_is_still_needed</c>
/// fails as soon as one of these appears in /metrics, so the list can only shrink.
/// </summary>
internal static class DashboardExemptions
{
    private const string NoShadow = "the fixture home has no shared-store shadow, and the core creates the series only then";

    private const string NoTelegram =
        "the fixture has no Telegram target, so nothing is ever sent; the Alerting tests prove the instrument against a loopback Bot API";

    private const string NoResync =
        "the daemon runs without --resync, so no resync ever runs and the series are only created by one; the Resync tests prove them";

    private const string NoLedger =
        "the fixture home has no task ledger (openclaw.sqlite); the series exist per ledger row / queue entry, proven by the Tasks tests";

    public static readonly IReadOnlyDictionary<string, string> NotInFixtureScrape = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["credwatch_profile_shadowed"] = NoShadow,
        ["credwatch_alerts_sent_total"] = NoTelegram,
        ["credwatch_alert_send_failures_total"] = NoTelegram,
        ["credwatch_resyncs_total"] = NoResync,
        ["credwatch_resync_failures_total"] = NoResync,
        ["credwatch_resync_skipped_total"] = NoResync,
        ["credwatch_http_auth_failures_total"] = "the fixture's listener has no auth configured, so no request can fail it; the Web tests prove the instrument",
        ["credwatch_tasks"] = NoLedger,
        ["credwatch_delivery_queue_failed"] = NoLedger,
    };
}
