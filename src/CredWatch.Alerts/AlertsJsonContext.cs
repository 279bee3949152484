using System.Text.Json.Serialization;
using CredWatch.Alerts.Delivery;

namespace CredWatch.Alerts;

/// <summary>Source-generated (AOT-safe) serialisation for the outbox.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OutboxState))]
internal sealed partial class AlertsJsonContext : JsonSerializerContext;
