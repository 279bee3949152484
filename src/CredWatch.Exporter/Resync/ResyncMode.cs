namespace CredWatch.Exporter.Resync;

internal enum ResyncMode
{
    /// <summary>The CLI store is the source of truth; stale agent copies are repaired from it.</summary>
    SourceWins,

    /// <summary>The newest copy of a lineage (an agent's included) is propagated to the other agents.</summary>
    NewestWins,
}
