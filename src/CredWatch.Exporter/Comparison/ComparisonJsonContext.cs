using System.Text.Json.Serialization;

namespace CredWatch.Exporter.Comparison;

/// <summary>Source-generated (Native AOT safe) serialisation of <c>seen-fingerprints.json</c>; same compact default shape as before.</summary>
[JsonSerializable(typeof(Dictionary<string, List<string>>))]
internal sealed partial class ComparisonJsonContext : JsonSerializerContext;
