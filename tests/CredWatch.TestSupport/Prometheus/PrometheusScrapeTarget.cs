namespace CredWatch.TestSupport.Prometheus;

/// <summary>
/// One scrape job for <see cref="PrometheusServer"/> (host:port, e.g. a CredWatch or a Pushgateway).
/// <paramref name="ExtraYaml"/>: more keys of the job (e.g. a shipped metric_relabel_configs block), indented 4 spaces.
/// </summary>
public sealed record PrometheusScrapeTarget(string Job, string HostPort, string MetricsPath = "/metrics", bool HonorLabels = false, string? ExtraYaml = null);
