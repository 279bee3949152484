namespace CredWatch.Exporter.Stores;

/// <summary>
/// A login found in a migration archive that the database never took: same profile id, a different refresh
/// token, a later expiry, and still valid when it was archived. Secret-free (ids and times only).
/// </summary>
/// <param name="ProfileId">Raw profile id (operator's terminal only).</param>
/// <param name="DisplayId">Masked profile id (metrics, HTTP, alerts).</param>
/// <param name="Provider">Provider as stored (for the repair command).</param>
/// <param name="ArchivePath">The archive file (read, never modified).</param>
/// <param name="ArchivedAt">When the archive was made (from its name, else its mtime).</param>
/// <param name="ArchivedExpiresAt">Expiry of the discarded login.</param>
internal sealed record IgnoredResignIn(string ProfileId, string DisplayId, string Provider, string ArchivePath, DateTimeOffset ArchivedAt, DateTimeOffset ArchivedExpiresAt);
