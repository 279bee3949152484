namespace CredWatch.Alerts;

/// <summary>Outcome of <c>credwatch alert-test</c> for one target. <see cref="Detail"/> holds no secret.</summary>
public sealed record AlertTestResult(string Target, bool Success, string? Reason, string Detail);
