using System.Text.Json;

namespace CredWatch.Exporter.Stores;

/// <summary>Typed access to JSON fields: a value of the wrong type is a <c>schema_unknown</c> naming the field, never a crash.</summary>
internal static class JsonFields
{
    public static JsonElement RequireObject(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(where, "object", element.ValueKind);
        }

        return element;
    }

    public static JsonElement? Object(JsonElement parent, string name, string where)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw WrongType(where + "." + name, "object", value.ValueKind);
    }

    public static string? String(JsonElement parent, string name, string where)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw WrongType(where + "." + name, "string", value.ValueKind);
    }

    public static long? Int64(JsonElement parent, string name, string where)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
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

    public static StoreReadException WrongType(string where, string expected, JsonValueKind actual) =>
        new(StoreErrorReasons.SchemaUnknown, $"{where}: expected {expected}, found {actual.ToString().ToLowerInvariant()}");
}
