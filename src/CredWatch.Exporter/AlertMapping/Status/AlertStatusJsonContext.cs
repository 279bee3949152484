using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredWatch.Exporter.AlertMapping.Status;

/// <summary>Source-generated (Native AOT safe) serialisation of the <c>alerts</c> status section: the Web defaults (camelCase, nulls written).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AlertStatusView))]
internal sealed partial class AlertStatusJsonContext : JsonSerializerContext;
