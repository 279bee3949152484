namespace CredWatch.Exporter.Configuration;

/// <summary>Scan, watch and read limits (section <c>CredWatch:Scan</c>).</summary>
internal sealed class ScanOptions
{
    /// <summary>Safety-net full rescan period (events do the real work).</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Quiet time after a file event before rescanning (coalesces bursts of writes).</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>A pending refresh fence whose row changed more recently than this is <c>refreshing</c>, else <c>refresh_stuck</c>.</summary>
    public TimeSpan RefreshFenceGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Files larger than this are reported as <c>too_large</c> and not parsed.</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How often a torn (unparsable) JSON file is re-read before being reported.</summary>
    public int TornReadRetries { get; set; } = 3;

    /// <summary>SQLite busy timeout for each read (kept short: the gateway writer must never wait on us).</summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromMilliseconds(250);
}
