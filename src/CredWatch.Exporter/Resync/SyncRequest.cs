namespace CredWatch.Exporter.Resync;

/// <summary><c>credwatch sync [--dry-run] [--agent ID]...</c>; an empty agent set means every agent.</summary>
internal sealed record SyncRequest(bool DryRun, IReadOnlySet<string> Agents)
{
    public static SyncRequest All { get; } = new(false, new HashSet<string>(StringComparer.Ordinal));
}
