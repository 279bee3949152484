namespace CredWatch.TestSupport.Prometheus;

/// <summary>One series of an instant query result (labels and value).</summary>
public sealed record PromSample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out var v) ? v : string.Empty;
}
