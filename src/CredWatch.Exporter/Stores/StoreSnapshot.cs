namespace CredWatch.Exporter.Stores;

/// <summary>
/// The result of reading one store once: IO-free and secret-free. Produced by the readers, held by
/// <see cref="Registry.StoreRegistry"/>; consumed by comparison, metrics, /api/status, check, and other components.
/// </summary>
/// <param name="Id">Store label + agent.</param>
/// <param name="Path">The file or directory that was read (the SQLite file, the JSON file, …).</param>
/// <param name="Layout">Layout detected.</param>
/// <param name="Error">Null when the store was read and understood (<c>credwatch_store_up</c> = 1).</param>
/// <param name="SchemaVersion">Store schema: JSON <c>version</c>, or SQLite <c>PRAGMA user_version</c>.</param>
/// <param name="Profiles">Credentials found (empty on error).</param>
/// <param name="Usage">OpenClaw usage state (<see cref="UsageState.Empty"/> for CLI stores).</param>
/// <param name="Account">Logged-in account of a CLI store, if known.</param>
/// <param name="UpdatedAt">SQLite <c>updated_at</c> of the <c>primary</c> store row, else the file's mtime.</param>
/// <param name="ReadAt">When this read happened (TimeProvider).</param>
/// <param name="ContentVersion">Changes whenever the store's meaningful content changes (drives last-change timestamps).</param>
internal sealed record StoreSnapshot(
    StoreId Id,
    string Path,
    StoreLayout Layout,
    StoreError? Error,
    int? SchemaVersion,
    IReadOnlyList<ProfileSnapshot> Profiles,
    UsageState Usage,
    AccountIdentity? Account,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset ReadAt,
    string ContentVersion)
{
    /// <summary>True when read and understood.</summary>
    public bool Up => Error is null;

    /// <summary>False when the store's file or directory is not there (<c>credwatch_store_present</c>).</summary>
    public bool Present => Error?.Reason != StoreErrorReasons.NotFound;

    /// <summary>
    /// Not there, and nothing says it should be (not configured, never seen, no copies of it): no
    /// <c>store_up</c> 0, no error counted, no alert. Set by <see cref="Registry.StoreRegistry"/>.
    /// </summary>
    public bool Absent { get; init; }

    /// <summary>True when CredWatch's configuration names this store (a missing one is then an error).</summary>
    public bool Explicit { get; init; }

    /// <summary>
    /// Set when OpenClaw refuses this store until <c>openclaw doctor --fix</c> runs: a live
    /// <c>auth-profiles.json</c> beside the agent database, or in main under a state-db shared store (the path).
    /// </summary>
    public string? MigrationRequiredBy { get; init; }

    /// <summary>Re-sign-ins an import archived instead of applying (the migration trap).</summary>
    public IReadOnlyList<IgnoredResignIn> IgnoredResignIns { get; init; } = [];

    /// <summary>For a CLI store that records its account e-mail: the masked account (<c>acct-&lt;8 hex&gt;</c>), safe to show.</summary>
    public string? AccountDisplay { get; init; }

    /// <summary>For the shared store: where OpenClaw keeps it (<c>legacy-main</c> / <c>state-db</c>); null otherwise.</summary>
    public string? SharedLocation { get; init; }
}
