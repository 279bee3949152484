namespace CredWatch.Exporter.Tasks;

/// <summary>Lines for <c>credwatch check</c> and the exit code they demand.</summary>
/// <param name="Lines">Human lines, one result per line followed by its numbered commands.</param>
/// <param name="ExitCode">0 none undelivered, 1 any undelivered, 2 any lost or parent_missing.</param>
internal sealed record TaskCheckReport(IReadOnlyList<string> Lines, int ExitCode);
