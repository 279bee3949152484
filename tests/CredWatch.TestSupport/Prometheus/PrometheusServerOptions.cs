namespace CredWatch.TestSupport.Prometheus;

/// <summary>What <see cref="PrometheusServer"/> writes into its prometheus.yml.</summary>
public sealed class PrometheusServerOptions
{
    public List<PrometheusScrapeTarget> Targets { get; } = [];

    /// <summary>Absolute paths of rule files (e.g. the shipped alerts/prometheus-rules.yml).</summary>
    public List<string> RuleFiles { get; } = [];

    /// <summary>host:port of an Alertmanager to send alerts to, if any.</summary>
    public string? AlertmanagerHostPort { get; set; }

    /// <summary>Short on purpose: tests poll instead of waiting out production intervals.</summary>
    public TimeSpan ScrapeInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(1);
}
