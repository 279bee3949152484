namespace CredWatch.Exporter.Cli;

/// <summary>The <c>check --json</c> document (a named type so it serialises through <see cref="CheckJsonContext"/>, trim/AOT-safe).</summary>
internal sealed record CheckJsonReport(string Status, int ExitCode, IReadOnlyList<CheckJsonLine> Lines);
