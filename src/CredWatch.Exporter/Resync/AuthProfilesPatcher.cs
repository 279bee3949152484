using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// Changes only <c>access</c>, <c>refresh</c>, <c>expires</c> of the named oauth profiles in an OpenClaw
/// auth-profile store (the file or a SQLite <c>store_json</c>). When all three fields exist, their value
/// bytes are spliced in place: every other byte of the document (other profiles, unknown keys, order,
/// formatting) stays identical. When a field is missing the document is re-serialised the way OpenClaw
/// writes it (JSON.stringify(…, null, 2) + "\n"), keeping every key and its order.
/// </summary>
internal static class AuthProfilesPatcher
{
    public const int MaxStoreBytes = 4 * 1024 * 1024;

    // JSON.stringify escapes only quotes, backslashes and control characters.
    private static readonly JavaScriptEncoder JsEncoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly JsonWriterOptions IndentedOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JsEncoder,
    };

    public static PatchResult Patch(ReadOnlySpan<byte> document, IReadOnlyDictionary<string, ProfileTokenUpdate> updates)
    {
        var statuses = new Dictionary<string, ProfilePatchStatus>(StringComparer.Ordinal);
        if (document.Length > MaxStoreBytes)
        {
            return new PatchResult(null, statuses, "store larger than 4 MiB", false);
        }

        if (!Utf8.IsValid(document))
        {
            return new PatchResult(null, statuses, "store is not valid UTF-8", false);
        }

        var scan = Scan(document, updates.Keys);
        if (scan.Error is not null)
        {
            return new PatchResult(null, statuses, scan.Error, false);
        }

        var splices = new List<(int Start, int End, byte[] Value)>();
        var needRewrite = false;
        foreach (var (id, update) in updates)
        {
            if (!scan.Profiles.TryGetValue(id, out var p))
            {
                statuses[id] = ProfilePatchStatus.NotFound;
                continue;
            }

            if (!string.Equals(p.Type, "oauth", StringComparison.Ordinal))
            {
                statuses[id] = ProfilePatchStatus.NotOAuth;
                continue;
            }

            statuses[id] = ProfilePatchStatus.Patched;
            if (p.Access is null || p.Refresh is null || p.Expires is null)
            {
                needRewrite = true;
                continue;
            }

            splices.Add((p.Access.Value.Start, p.Access.Value.End, JsonString(update.Access)));
            splices.Add((p.Refresh.Value.Start, p.Refresh.Value.End, JsonString(update.Refresh)));
            splices.Add((p.Expires.Value.Start, p.Expires.Value.End, Encoding.UTF8.GetBytes(update.ExpiresAtMs.ToString(CultureInfo.InvariantCulture))));
        }

        if (!statuses.ContainsValue(ProfilePatchStatus.Patched))
        {
            return new PatchResult(null, statuses, null, false);
        }

        if (needRewrite)
        {
            try
            {
                return new PatchResult(Rewrite(document, updates, statuses), statuses, null, true);
            }
            catch (InvalidOperationException)
            {
                // JSON.parse keeps a lone surrogate escape (\ud800); re-serialising cannot, so the store is left alone.
                return new PatchResult(null, statuses, "store holds a lone surrogate escape and cannot be rewritten unchanged", false);
            }
        }

        splices.Sort((a, b) => a.Start.CompareTo(b.Start));
        using var ms = new MemoryStream(document.Length + 256);
        var pos = 0;
        foreach (var (start, end, value) in splices)
        {
            ms.Write(document[pos..start]);
            ms.Write(value);
            pos = end;
        }

        ms.Write(document[pos..]);
        return new PatchResult(ms.ToArray(), statuses, null, false);
    }

    /// <summary>Reads back one profile's oauth fields (for preconditions and verification), or null.</summary>
    public static StoredOAuthProfile? ReadProfile(ReadOnlySpan<byte> document, string profileId)
    {
        try
        {
            var reader = new Utf8JsonReader(document);
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("profiles", out var profiles)
                || profiles.ValueKind != JsonValueKind.Object
                || !profiles.TryGetProperty(profileId, out var p)
                || p.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new StoredOAuthProfile(
                Str(p, "type") ?? Str(p, "mode"),
                Str(p, "access"),
                Str(p, "refresh"),
                p.TryGetProperty("expires", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var ev) ? ev : null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>True when the bytes are one complete JSON object (what a reader needs to see at every instant).</summary>
    public static bool IsValidStore(ReadOnlySpan<byte> document)
    {
        try
        {
            var reader = new Utf8JsonReader(document);
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.ValueKind == JsonValueKind.Object && reader.BytesConsumed > 0
                && document[(int)reader.BytesConsumed..].IndexOfAnyExcept(" \n\r\t"u8) < 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static byte[] JsonString(string value)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = JsEncoder }))
        {
            w.WriteStringValue(value);
        }

        return ms.ToArray();
    }

    private static byte[] Rewrite(ReadOnlySpan<byte> document, IReadOnlyDictionary<string, ProfileTokenUpdate> updates, Dictionary<string, ProfilePatchStatus> statuses)
    {
        var reader = new Utf8JsonReader(document);
        var root = JsonNode.Parse(ref reader)!.AsObject();
        var profiles = root["profiles"]!.AsObject();
        foreach (var (id, update) in updates)
        {
            if (statuses.GetValueOrDefault(id) != ProfilePatchStatus.Patched)
            {
                continue;
            }

            var p = profiles[id]!.AsObject();
            p["access"] = update.Access;
            p["refresh"] = update.Refresh;
            p["expires"] = update.ExpiresAtMs;
        }

        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, IndentedOptions))
        {
            root.WriteTo(w);
        }

        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }

    private static ScanResult Scan(ReadOnlySpan<byte> document, IEnumerable<string> wanted)
    {
        var targets = new HashSet<string>(wanted, StringComparer.Ordinal);
        var found = new Dictionary<string, ProfileSpans>(StringComparer.Ordinal);
        if (!IsValidStore(document))
        {
            return new ScanResult(found, "store is not one complete JSON object");
        }

        var reader = new Utf8JsonReader(document, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var sawProfiles = false;
        try
        {
            reader.Read(); // root StartObject
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isProfiles = reader.ValueTextEquals("profiles"u8);
                reader.Read();
                if (!isProfiles)
                {
                    reader.Skip();
                    continue;
                }

                if (sawProfiles)
                {
                    // JSON.parse keeps the last duplicate; guessing which one OpenClaw uses is not our call.
                    return new ScanResult(found, "duplicate \"profiles\" key");
                }

                sawProfiles = true;
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return new ScanResult(found, "\"profiles\" is not an object");
                }

                var seenIds = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var id = reader.GetString()!;
                    if (!seenIds.Add(id) && targets.Contains(id))
                    {
                        return new ScanResult(found, "duplicate profile id");
                    }

                    reader.Read();
                    if (!targets.Contains(id) || reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        continue;
                    }

                    var spans = ScanProfile(ref reader);
                    if (spans is null)
                    {
                        return new ScanResult(found, "duplicate field in a profile");
                    }

                    found[id] = spans;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a key that does not decode (a lone surrogate escape).
            return new ScanResult(found, "store is not valid JSON");
        }

        return sawProfiles ? new ScanResult(found, null) : new ScanResult(found, "no \"profiles\" object");
    }

    private static ProfileSpans? ScanProfile(ref Utf8JsonReader reader)
    {
        string? type = null;
        string? mode = null;
        (int Start, int End)? access = null, refresh = null, expires = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!seen.Add(name))
            {
                return null;
            }

            reader.Read();
            var start = (int)reader.TokenStartIndex;
            switch (name)
            {
                case "type" when reader.TokenType == JsonTokenType.String:
                    type = reader.GetString();
                    break;
                case "mode" when reader.TokenType == JsonTokenType.String:
                    mode = reader.GetString();
                    break;
                case "access" when reader.TokenType is JsonTokenType.String or JsonTokenType.Null:
                    access = (start, (int)reader.BytesConsumed);
                    break;
                case "refresh" when reader.TokenType is JsonTokenType.String or JsonTokenType.Null:
                    refresh = (start, (int)reader.BytesConsumed);
                    break;
                case "expires" when reader.TokenType is JsonTokenType.Number or JsonTokenType.Null:
                    expires = (start, (int)reader.BytesConsumed);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new ProfileSpans(type ?? mode, access, refresh, expires);
    }

    private sealed record ProfileSpans(string? Type, (int Start, int End)? Access, (int Start, int End)? Refresh, (int Start, int End)? Expires);

    private sealed record ScanResult(Dictionary<string, ProfileSpans> Profiles, string? Error);
}
