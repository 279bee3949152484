namespace CredWatch.Exporter.Reporting;

/// <summary>
/// Adds a section to <c>/api/status</c>. Register with <c>services.AddSingleton&lt;IStatusContributor, T&gt;()</c>.
/// Must be cheap (no IO) and secret-free.
/// </summary>
/// <remarks>
/// Returns a <see cref="StatusSection"/>, not an <c>object</c>: serialising an arbitrary object needs reflection,
/// which Native AOT cannot do. Build it from a named type and the component's own source-generated context:
/// <c>StatusSection.From(view, MyJsonContext.Default.MyView)</c>.
/// </remarks>
internal interface IStatusContributor
{
    /// <summary>Top-level JSON property name (e.g. <c>resync</c>, <c>tasks</c>, <c>health</c>).</summary>
    string Name { get; }

    /// <summary>The section's content (null omits it).</summary>
    StatusSection? GetStatus();
}
