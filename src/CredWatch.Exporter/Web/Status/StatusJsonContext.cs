using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CredWatch.Exporter.Web.Status;

/// <summary>Source-generated (Native AOT safe) serialisation of <c>/api/status</c>: camelCase, indented, nulls written (the Web defaults).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(StatusView))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
