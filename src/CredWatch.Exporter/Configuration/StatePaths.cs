namespace CredWatch.Exporter.Configuration;

/// <summary>CredWatch's own state dir (fingerprint key, seen fingerprints, log positions, outbox, …).</summary>
/// <param name="StateDir">Absolute path; created on first write with mode 0700.</param>
internal sealed record StatePaths(string StateDir);
