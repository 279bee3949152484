namespace CredWatch.Exporter.Resync;

/// <summary>
/// Reads the source's raw tokens at write time (core implements it for the CLI stores; newest-wins
/// sources are agent stores, read by <see cref="AgentStoreSourceReader"/>). Null when unreadable.
/// </summary>
internal interface ISourceCredentialReader
{
    ProfileTokenUpdate? Read(ResyncSource source);
}
