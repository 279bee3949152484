namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// Instrument names of the web security component (meter <c>CredWatch.Exporter</c>).
/// Kept beside the component until Metrics/MetricNames.cs exists to take them.
/// </summary>
internal static class WebSecurityMetricNames
{
    public const string MeterName = "CredWatch.Exporter";

    /// <summary>Scrapes as <c>credwatch_http_auth_failures_total{reason}</c>.</summary>
    public const string AuthFailures = "credwatch.http.auth.failures";

    /// <summary>Scrapes as <c>credwatch_web_insecure_exposed</c> (1 = non-loopback without TLS or auth).</summary>
    public const string InsecureExposed = "credwatch.web.insecure_exposed";

    /// <summary>Scrapes as <c>credwatch_web_config_reloads_total{result}</c>.</summary>
    public const string ConfigReloads = "credwatch.web.config.reloads";

    /// <summary>Scrapes as <c>credwatch_web_tls_cert_expiry_timestamp_seconds</c>.</summary>
    public const string TlsCertExpiry = "credwatch.web.tls.cert.expiry.timestamp";
}
