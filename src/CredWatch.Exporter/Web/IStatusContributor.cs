namespace CredWatch.Exporter.Web;

/// <summary>
/// Adds a section to <c>/api/status</c>. Register with <c>services.AddSingleton&lt;IStatusContributor, T&gt;()</c>;
/// the returned object is serialised with System.Text.Json (camelCase) under <see cref="Name"/>. Must be
/// cheap (no IO) and secret-free.
/// </summary>
internal interface IStatusContributor
{
    /// <summary>Top-level JSON property name (e.g. <c>resync</c>, <c>tasks</c>, <c>health</c>).</summary>
    string Name { get; }

    /// <summary>The section's content (null omits it).</summary>
    object? GetStatus();
}
