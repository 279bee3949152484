using System.Text;
using System.Text.Json;

namespace CredWatch.Exporter.Stores;

/// <summary>
/// Reads only the top-level <c>oauthAccount</c> block of Claude Code's <c>.claude.json</c> (which also holds
/// long session history) with a forward-only reader: no DOM of the whole file is built.
/// </summary>
internal static class ClaudeAccountReader
{
    public static AccountIdentity? TryRead(string path, long maxBytes)
    {
        byte[] bytes;
        try
        {
            bytes = SafeFile.Read(path, maxBytes).Bytes;
        }
        catch (StoreReadException)
        {
            // Identity is optional evidence: a missing or unreadable .claude.json just means "no e-mail to match on".
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    break;
                }

                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                var isAccount = reader.ValueTextEquals("oauthAccount"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (!isAccount)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                using var block = JsonDocument.ParseValue(ref reader);
                var e = block.RootElement;
                return new AccountIdentity(Str(e, "emailAddress"), Str(e, "accountUuid"), Str(e, "organizationName"));
            }
        }
        catch (Exception ex) when (ex is JsonException or DecoderFallbackException)
        {
            return null;
        }

        return null;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
