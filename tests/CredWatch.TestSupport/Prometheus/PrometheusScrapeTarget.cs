namespace CredWatch.TestSupport.Prometheus;

/// <summary>One scrape job for <see cref="PrometheusServer"/> (host:port, e.g. a CredWatch or a Pushgateway).</summary>
public sealed record PrometheusScrapeTarget(string Job, string HostPort, string MetricsPath = "/metrics", bool HonorLabels = false);
