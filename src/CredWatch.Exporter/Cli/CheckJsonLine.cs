namespace CredWatch.Exporter.Cli;

/// <summary>One line of <c>check --json</c>; the credential fields are null on lines about something else (a store, the ledger).</summary>
internal sealed record CheckJsonLine(
    string Severity,
    string Component,
    string Subject,
    string Message,
    string? Fix,
    string? Store,
    string? Agent,
    string? Profile,
    string? Provider,
    string? State,
    string? ExpiresAt,
    long? ExpiresInSeconds,
    string? ExpiryOf);
