using System.Text.Json.Serialization;

namespace CredWatch.Exporter.Tasks;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(CountedTaskFile))]
[JsonSerializable(typeof(IReadOnlyCollection<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(TaskStatusSection))]
[JsonSerializable(typeof(TaskScanReport))]
internal sealed partial class TaskJsonContext : JsonSerializerContext;
