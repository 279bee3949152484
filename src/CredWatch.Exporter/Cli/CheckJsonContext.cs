using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredWatch.Exporter.Cli;

/// <summary>Source-generated (Native AOT safe) serialisation for <c>check --json</c>: camelCase, indented, nulls written — what <c>JsonSerializerDefaults.Web</c> gave before.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(CheckJsonReport))]
internal sealed partial class CheckJsonContext : JsonSerializerContext;
