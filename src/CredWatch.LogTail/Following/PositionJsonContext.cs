using System.Text.Json.Serialization;

namespace CredWatch.LogTail.Following;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PositionFile))]
internal sealed partial class PositionJsonContext : JsonSerializerContext;
