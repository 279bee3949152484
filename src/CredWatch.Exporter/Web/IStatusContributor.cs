using System.Text.Json.Nodes;

namespace CredWatch.Exporter.Web;

/// <summary>
/// Adds a section to <c>/api/status</c>. Register with <c>services.AddSingleton&lt;IStatusContributor, T&gt;()</c>.
/// Must be cheap (no IO) and secret-free.
/// </summary>
/// <remarks>
/// The section is a <see cref="JsonNode"/>, not an <c>object</c>: serialising an arbitrary object needs
/// reflection, which Native AOT cannot do. Build it from a named type with the component's own
/// source-generated context, e.g. <c>JsonSerializer.SerializeToNode(view, MyJsonContext.Default.MyView)</c>
/// (use <c>JsonSerializerDefaults.Web</c> options there: camelCase, nulls written), or as a <see cref="JsonObject"/>.
/// </remarks>
internal interface IStatusContributor
{
    /// <summary>Top-level JSON property name (e.g. <c>resync</c>, <c>tasks</c>, <c>health</c>).</summary>
    string Name { get; }

    /// <summary>The section's content, a fresh node each call (null omits the section).</summary>
    JsonNode? GetStatus();
}
