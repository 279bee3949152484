using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CredWatch.Exporter.Reporting;

/// <summary>
/// One <c>/api/status</c> section, written straight into the response. Built from a value plus its
/// source-generated <see cref="JsonTypeInfo{T}"/> (no reflection, so Native AOT keeps working) — use the
/// Web defaults in that context (<c>[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]</c>: camelCase,
/// nulls written) so every section looks alike.
/// </summary>
internal sealed class StatusSection
{
    private readonly Action<Utf8JsonWriter> _write;

    private StatusSection(Action<Utf8JsonWriter> write) => _write = write;

    public static StatusSection From<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return new StatusSection(w => JsonSerializer.Serialize(w, value, typeInfo));
    }

    /// <summary>A hand-built section (small or dynamic shapes).</summary>
    public static StatusSection From(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new StatusSection(w => node.WriteTo(w));
    }

    /// <summary>A section written by hand; <paramref name="write"/> must write exactly one JSON value.</summary>
    public static StatusSection Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return new StatusSection(write);
    }

    /// <summary>Writes the section's value (one JSON value) at the writer's position.</summary>
    public void WriteTo(Utf8JsonWriter writer) => _write(writer);

    /// <summary>The section alone as JSON text (tests, diagnostics).</summary>
    public string ToJsonString(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
