namespace CredWatch.TestSupport.Prometheus;

/// <summary>
/// Result of /api/v1/query. <see cref="Status"/> is "success" or "error" (then <see cref="ErrorType"/>
/// is e.g. "bad_data" for a query that does not parse). Vector and scalar results fill <see cref="Samples"/>.
/// </summary>
public sealed record PromQueryResult(string Status, string? ErrorType, string? Error, string? ResultType, IReadOnlyList<PromSample> Samples)
{
    public bool IsSuccess => Status == "success";
}
