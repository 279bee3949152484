namespace CredWatch.Exporter.Metrics;

/// <summary>
/// A store that is not a credential store (e.g. OpenClaw's task ledger, <c>store="openclaw-tasks"</c>) but
/// reports through the same <c>credwatch_store_up</c> / <c>credwatch_store_errors_total</c> series, so
/// there is one series per name. Register with <c>services.AddSingleton&lt;IStoreHealthSource, T&gt;()</c>.
/// </summary>
internal interface IStoreHealthSource
{
    /// <summary>The <c>store</c> label.</summary>
    string Store { get; }

    /// <summary>Null while the store was never read or is absent (no series), else whether the last read succeeded.</summary>
    bool? Up { get; }

    /// <summary>Null while never read, else whether the store is there (<c>credwatch_store_present</c>).</summary>
    bool? Present { get; }

    /// <summary>Failed reads since start, by reason (every reason the source knows may be present from 0).</summary>
    IReadOnlyDictionary<string, long> ErrorCounts { get; }
}
