namespace CredWatch.Exporter.Tasks;

/// <summary>Configuration section <c>CredWatch:Tasks</c>.</summary>
internal sealed class TaskLedgerOptions
{
    public const string Section = "CredWatch:Tasks";

    /// <summary>Off switch for hosts without OpenClaw.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Explicit path of OpenClaw's state database. Default: the OpenClaw installation's (<c>&lt;state dir&gt;/state/openclaw.sqlite</c>).
    /// </summary>
    public string? StateDatabase { get; set; }

    /// <summary>The ledger: <see cref="StateDatabase"/>, which the host fills in from the OpenClaw installation when not configured.</summary>
    public string RequiredStateDatabase() => StateDatabase is { Length: > 0 } path
        ? path
        : throw new InvalidOperationException("CredWatch:Tasks:StateDatabase is not set and no OpenClaw installation supplied it");

    /// <summary>
    /// True when <see cref="StateDatabase"/> was filled in from discovery rather than configured: then a missing
    /// database, or one without task tables, is an absent ledger, not an error. Not bindable from configuration.
    /// </summary>
    public bool StateDatabaseDiscovered { get; internal set; }

    /// <summary>How often the ledger is polled (an incremental pass is cheap when nothing changed).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a full pass re-reads everything (catches changes that did not bump last_event_at).</summary>
    public TimeSpan FullPassInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A terminal task still pending delivery this long after ended_at is <c>stuck_pending</c>.</summary>
    public TimeSpan StuckPendingGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A running task with no event for this long is <c>stale_running</c> (OpenClaw's audit uses 30 min).</summary>
    public TimeSpan StaleRunningLimit { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long one read waits on a locked database before giving up with reason <c>busy</c>. Short on
    /// purpose: CredWatch must never hold up the gateway, which itself waits 5 s.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many results <c>/api/status</c> lists (newest first); counts are always complete.</summary>
    public int StatusListLimit { get; set; } = 100;

    /// <summary>
    /// Opt-in (<c>--tasks.auto-retry</c>): once the login a blocked subagent completion failed on is live
    /// again, run <c>openclaw tasks retry &lt;id&gt;</c> (through the running gateway; CredWatch never writes
    /// OpenClaw's database). Once per cause cleared, never while the login is still dead.
    /// </summary>
    public bool AutoRetry { get; set; }

    /// <summary>At most this many automatic retries in any hour (all tasks together).</summary>
    public int AutoRetryMaxPerHour { get; set; } = 10;

    /// <summary>How long one <c>openclaw tasks retry</c> may take before it is killed.</summary>
    public TimeSpan AutoRetryTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The <c>openclaw</c> executable for automatic retries (default: <c>openclaw</c> on PATH, as <c>check --openclaw</c>).</summary>
    public string? OpenClawBin { get; set; }
}
