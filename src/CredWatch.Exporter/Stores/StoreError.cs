namespace CredWatch.Exporter.Stores;

/// <summary>Why a store could not be read: a bounded reason plus a human detail (never a secret).</summary>
/// <param name="Reason">One of <see cref="StoreErrorReasons"/>.</param>
/// <param name="Detail">Human-readable explanation, safe to log and show.</param>
internal sealed record StoreError(string Reason, string Detail);
