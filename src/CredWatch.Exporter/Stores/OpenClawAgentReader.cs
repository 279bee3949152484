namespace CredWatch.Exporter.Stores;

/// <summary>
/// Detects which of OpenClaw's three layouts an agent dir holds and reads it. A directory whose auth files
/// match no known layout is reported as <c>unsupported_layout</c> (never skipped).
/// </summary>
internal static class OpenClawAgentReader
{
    public static async Task<StoreSnapshot> ReadAsync(StoreLocation location, ReadContext ctx, CancellationToken cancellationToken)
    {
        var dir = location.Path;
        try
        {
            if (!Directory.Exists(dir))
            {
                return ctx.Failed(location.Id, dir, StoreLayout.Unknown, new StoreError(StoreErrorReasons.NotFound, $"agent directory {dir} does not exist"));
            }

            var db = Path.Combine(dir, OpenClawFiles.AgentDatabase);
            var json = Path.Combine(dir, OpenClawFiles.AuthProfiles);
            if (File.Exists(db))
            {
                var snapshot = await OpenClawSqliteReader.ReadAsync(location with { Path = db }, ctx, cancellationToken);

                // OpenClaw 2026.9.6 refuses a store with a live JSON beside its database until doctor imports it.
                return File.Exists(json) ? snapshot with { MigrationRequiredBy = json } : snapshot;
            }

            if (File.Exists(json) || new FileInfo(json).LinkTarget is not null || Directory.Exists(json))
            {
                var state = Path.Combine(dir, OpenClawFiles.AuthState);
                return await OpenClawJsonReader.ReadAsync(location with { Path = json }, File.Exists(state) ? state : null, ctx, cancellationToken);
            }

            var unknown = Directory.EnumerateFileSystemEntries(dir)
                .Select(Path.GetFileName)
                .Where(n => n is not null && !OpenClawFiles.IsNoise(n) && (n.StartsWith("auth", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase)))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (unknown.Count > 0)
            {
                return ctx.Failed(location.Id, dir, StoreLayout.Unknown, new StoreError(
                    StoreErrorReasons.UnsupportedLayout, $"{dir} holds {string.Join(", ", unknown)} but none of {OpenClawFiles.AuthProfiles} / {OpenClawFiles.AgentDatabase}"));
            }

            return ctx.Failed(location.Id, dir, StoreLayout.Unknown, new StoreError(
                StoreErrorReasons.NotFound, $"{dir} holds no credential store ({OpenClawFiles.AuthProfiles} or {OpenClawFiles.AgentDatabase})"));
        }
        catch (UnauthorizedAccessException)
        {
            return ctx.Failed(location.Id, dir, StoreLayout.Unknown, new StoreError(StoreErrorReasons.PermissionDenied, $"{dir}: permission denied"));
        }
        catch (IOException ex)
        {
            return ctx.Failed(location.Id, dir, StoreLayout.Unknown, new StoreError(StoreErrorReasons.ReadFailed, $"{dir}: {ex.Message}"));
        }
    }
}
