using System.Buffers.Text;
using System.Text.Json;

namespace CredWatch.Exporter.Stores;

/// <summary>Reads one claim from a JWT payload without validating it (we only need <c>exp</c>/<c>email</c>; the token never leaves).</summary>
internal static class JwtClaims
{
    public static long? Int64(string? jwt, string claim)
    {
        using var doc = Payload(jwt);
        return doc is not null && doc.RootElement.TryGetProperty(claim, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l) ? l : null;
    }

    public static string? String(string? jwt, string claim)
    {
        using var doc = Payload(jwt);
        return doc is not null && doc.RootElement.TryGetProperty(claim, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private static JsonDocument? Payload(string? jwt)
    {
        if (string.IsNullOrEmpty(jwt))
        {
            return null;
        }

        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(parts[1]);
            var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                return null;
            }

            return doc;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
