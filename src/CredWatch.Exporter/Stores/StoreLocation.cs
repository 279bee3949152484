namespace CredWatch.Exporter.Stores;

/// <summary>Where a store is expected (discovery output, reader input).</summary>
/// <param name="Id">Store label + agent.</param>
/// <param name="Path">For CLI stores the credentials file; for OpenClaw agents the agent directory.</param>
/// <param name="IdentityPath">Claude <c>.claude.json</c> (identity), if any.</param>
/// <param name="MainAgentDir">For the shared store (Path = the state database): main's agent dir, the shared store under <c>legacy-main</c>.</param>
/// <param name="Explicit">True when CredWatch's configuration names this store: then a missing store is an error, not absent.</param>
internal sealed record StoreLocation(StoreId Id, string Path, string? IdentityPath = null, string? MainAgentDir = null, bool Explicit = false);
