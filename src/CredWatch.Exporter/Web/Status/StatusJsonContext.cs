using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredWatch.Exporter.Web.Status;

/// <summary>Source-generated (Native AOT safe) serialisation of <c>/api/status</c>: camelCase, nulls written (the Web defaults); <see cref="StatusDocument"/> writes the envelope and indents.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<StoreStatusView>))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
