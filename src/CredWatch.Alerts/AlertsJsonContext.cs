using System.Text.Json.Serialization;

namespace CredWatch.Alerts;

/// <summary>Source-generated (AOT-safe) serialisation for the outbox and for JSON string escaping.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OutboxState))]
[JsonSerializable(typeof(string))]
internal sealed partial class AlertsJsonContext : JsonSerializerContext;
