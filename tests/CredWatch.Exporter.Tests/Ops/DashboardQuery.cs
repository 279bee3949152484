namespace CredWatch.Exporter.Tests.Ops;

/// <summary>One panel target (or variable query) of the Grafana dashboard, with Grafana's variables substituted for Prometheus.</summary>
internal sealed record DashboardQuery(string Panel, string RefId, string Expr)
{
    /// <summary>What Grafana would send with "All" selected and a 1-minute rate interval.</summary>
    public string ForPrometheus() => Expr
        .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
        .Replace("$__interval", "15s", StringComparison.Ordinal)
        .Replace("$__range", "1h", StringComparison.Ordinal)
        .Replace("$job", ".*", StringComparison.Ordinal)
        .Replace("$instance", ".*", StringComparison.Ordinal)
        .Replace("$agent", ".*", StringComparison.Ordinal);

    public override string ToString() => $"{Panel}/{RefId}: {Expr}";
}
