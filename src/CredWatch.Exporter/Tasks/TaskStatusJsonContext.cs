using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// Source-generated (Native AOT safe) serialisation of the <c>tasks</c> section of <c>/api/status</c>: the Web defaults
/// (camelCase, nulls written) like every other section — <see cref="TaskJsonContext"/> omits nulls, which suits its files.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TaskStatusSection))]
internal sealed partial class TaskStatusJsonContext : JsonSerializerContext;
