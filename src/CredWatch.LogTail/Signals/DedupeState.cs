namespace CredWatch.LogTail.Signals;

/// <summary>The deduplicator's memory, persisted with the log positions (one atomic document).</summary>
internal sealed record DedupeState
{
    public Dictionary<string, DedupeEpisode> Episodes { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Counted (signal, provider, run) keys, oldest first.</summary>
    public List<string> Runs { get; init; } = [];
}
