namespace CredWatch.Exporter.Stores;

/// <summary>What discovery found: the stores to read and the directories to watch.</summary>
/// <param name="Stores">Every store location (CLI stores always listed, even when missing, so their presence is reported).</param>
/// <param name="OpenClawStateDir">The OpenClaw state dir chosen (may not exist).</param>
/// <param name="WatchDirectories">Directories to watch (recursive for the OpenClaw agents dir).</param>
/// <param name="Notes">Human notes for the start-up summary (which env var or legacy dir was used).</param>
internal sealed record DiscoveryResult(
    IReadOnlyList<StoreLocation> Stores,
    string OpenClawStateDir,
    IReadOnlyList<string> WatchDirectories,
    IReadOnlyList<string> Notes);
