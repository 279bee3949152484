namespace CredWatch.Exporter.Stores;

/// <summary>OpenClaw usage state of a store: <c>order</c>, <c>lastGood</c>, <c>usageStats</c> (keyed by raw profile id).</summary>
/// <param name="Order">Provider → profile ids in preferred order.</param>
/// <param name="LastGood">Provider → last profile id that worked.</param>
/// <param name="UsageStats">Raw profile id → usage entry.</param>
/// <param name="UpdatedAt">When the state row was last written (SQLite <c>updated_at</c>), else the file's mtime.</param>
internal sealed record UsageState(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Order,
    IReadOnlyDictionary<string, string> LastGood,
    IReadOnlyDictionary<string, ProfileUsage> UsageStats,
    DateTimeOffset? UpdatedAt)
{
    /// <summary>No usage state recorded.</summary>
    public static UsageState Empty { get; } = new(
        new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, string>(), new Dictionary<string, ProfileUsage>(), null);
}
