namespace CredWatch.Exporter.AlertMapping;

/// <summary>Bound from <c>CredWatch:Alerting</c>: the Exporter's side of alerts (the library's own settings are <c>CredWatch:Alerts</c>).</summary>
internal sealed class AlertingOptions
{
    public const string SectionName = "CredWatch:Alerting";

    /// <summary>How often store conditions are re-evaluated without a store change (expiry windows move with the clock).</summary>
    public TimeSpan StoreTick { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Log-signal alerts about one provider fall into buckets this long: one alert per bucket (stable key across restarts).</summary>
    public TimeSpan ProviderSignalWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Consecutive failed scans before an unreadable store is told: a store caught mid-creation or mid-write heals by
    /// the next scan (the metrics show it at once; the shipped rules wait with <c>for:</c> the same way).
    /// </summary>
    public int ConfirmScans { get; set; } = 3;
}
