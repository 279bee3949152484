namespace CredWatch.Exporter.Metrics;

/// <summary><c>CredWatch:Metrics</c>: how many series the daemon's fleet-shaped metrics make room for.</summary>
internal sealed class MetricsOptions
{
    public const string SectionName = "CredWatch:Metrics";

    /// <summary>
    /// OpenClaw agents the per-store and per-profile metrics hold series for. 0 (the default): twice the agents found
    /// at start, at least 250. Set it when the fleet will grow past that without a CredWatch restart.
    /// </summary>
    public int AgentCapacity { get; set; }
}
