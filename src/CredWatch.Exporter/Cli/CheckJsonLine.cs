namespace CredWatch.Exporter.Cli;

/// <summary>One line of <c>check --json</c>.</summary>
internal sealed record CheckJsonLine(string Severity, string Component, string Subject, string Message);
