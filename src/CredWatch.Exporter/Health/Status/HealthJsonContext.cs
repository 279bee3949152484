using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredWatch.Exporter.Health.Status;

/// <summary>Source-generated (Native AOT safe) serialisation of the <c>health</c> status section: the Web defaults (camelCase, nulls written).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthStatusView))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
