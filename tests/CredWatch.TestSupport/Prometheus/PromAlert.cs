namespace CredWatch.TestSupport.Prometheus;

/// <summary>An alert as reported by Prometheus' /api/v1/alerts or Alertmanager's /api/v2/alerts.</summary>
public sealed record PromAlert(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, string State)
{
    public string Name => Labels.TryGetValue("alertname", out var v) ? v : string.Empty;

    public string Label(string name) => Labels.TryGetValue(name, out var v) ? v : string.Empty;
}
