namespace CredWatch.Exporter.Web.Status;

/// <summary>A sign-in OpenClaw archived instead of using (beside the SQLite store).</summary>
internal sealed record IgnoredResignInView(string Profile, string Archive, DateTimeOffset ArchivedAt, DateTimeOffset ArchivedExpiresAt);
