namespace CredWatch.Exporter.Hosting.Push;

/// <summary>
/// <c>CredWatch:Push</c>: push the metrics to a Prometheus Pushgateway (hosts Prometheus cannot scrape).
/// Push is off while <see cref="Endpoint"/> is empty.
/// </summary>
internal sealed class PushOptions
{
    public const string SectionName = "CredWatch:Push";

    /// <summary>Pushgateway base URL, e.g. <c>http://pushgateway.example:9091</c> (http or https; <c>/metrics</c> is appended).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The <c>job</c> label of the pushed group; keep it starting with <c>credwatch</c> for the shipped rules.</summary>
    public string Job { get; set; } = "credwatch";

    /// <summary>The <c>instance</c> label of the pushed group (default: the host name).</summary>
    public string? Instance { get; set; }

    /// <summary>Time between pushes (1 s … 1 h).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    public string EffectiveInstance => string.IsNullOrWhiteSpace(Instance) ? Environment.MachineName : Instance;
}
