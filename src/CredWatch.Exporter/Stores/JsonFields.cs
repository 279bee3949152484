using System.Text.Json;

namespace CredWatch.Exporter.Stores;

/// <summary>Typed access to JSON fields: a value of the wrong type is a <c>schema_unknown</c> naming the field, never a crash.</summary>
internal static class JsonFields
{
    public static JsonElement RequireObject(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.Object ? element : throw WrongType(where, "object", element.ValueKind);

    public static JsonElement? Object(JsonElement parent, string name, string where) => Present(parent, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } value => value,
        { } value => throw WrongType(where + "." + name, "object", value.ValueKind),
    };

    public static string? String(JsonElement parent, string name, string where) => Present(parent, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { } value => throw WrongType(where + "." + name, "string", value.ValueKind),
    };

    public static long? Int64(JsonElement parent, string name, string where)
    {
        if (Present(parent, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw WrongType(where + "." + name, "number", value.ValueKind);
        }

        if (value.TryGetInt64(out var l))
        {
            return l;
        }

        // Fractional milliseconds appear in hand-edited files; truncate rather than reject.
        var d = value.GetDouble();
        return d is > long.MinValue and < long.MaxValue ? (long)d : throw WrongType(where + "." + name, "integer", value.ValueKind);
    }

    /// <summary>Milliseconds since the epoch → time; null when absent; out-of-range → schema_unknown.</summary>
    public static DateTimeOffset? UnixMs(JsonElement parent, string name, string where)
    {
        var ms = Int64(parent, name, where);
        if (ms is null)
        {
            return null;
        }

        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms.Value);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new StoreReadException(StoreErrorReasons.SchemaUnknown, $"{where}.{name} is not a valid millisecond timestamp", ex);
        }
    }

    /// <summary>The named field, or null when it is missing or JSON null.</summary>
    private static JsonElement? Present(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static StoreReadException WrongType(string where, string expected, JsonValueKind actual) =>
        new(StoreErrorReasons.SchemaUnknown, $"{where}: expected {expected}, found {actual.ToString().ToLowerInvariant()}");
}
