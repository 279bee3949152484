using System.Text.Json;

namespace CredWatch.Exporter.Stores;

/// <summary>
/// Parses OpenClaw's store JSON (<c>{version:1, profiles, order?, lastGood?, usageStats?}</c>) into
/// secret-free profiles; shared by the JSON-file and SQLite readers.
/// </summary>
internal static class OpenClawStoreParser
{
    public const int KnownVersion = 1;

    public static (int? Version, IReadOnlyList<ProfileSnapshot> Profiles) ParseProfiles(JsonElement root, string where, Fingerprinter fingerprinter)
    {
        JsonFields.RequireObject(root, where);
        int? version = null;
        if (root.TryGetProperty("version", out var v) && v.ValueKind != JsonValueKind.Null)
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var iv))
            {
                throw JsonFields.WrongType(where + ".version", "integer", v.ValueKind);
            }

            version = iv;
            if (iv != KnownVersion)
            {
                throw new StoreReadException(StoreErrorReasons.SchemaUnknown, $"{where}: store version {iv} is not known (CredWatch reads version {KnownVersion})");
            }
        }

        if (!root.TryGetProperty("profiles", out var profiles))
        {
            throw new StoreReadException(StoreErrorReasons.SchemaUnknown, $"{where}: no 'profiles' object");
        }

        JsonFields.RequireObject(profiles, where + ".profiles");
        var list = new List<ProfileSnapshot>();
        foreach (var p in profiles.EnumerateObject())
        {
            list.Add(ParseProfile(p.Name, p.Value, $"{where}.profiles[{ProfileIds.Display(p.Name, fingerprinter)}]", fingerprinter));
        }

        return (version, list);
    }

    private static ProfileSnapshot ParseProfile(string id, JsonElement p, string where, Fingerprinter fingerprinter)
    {
        JsonFields.RequireObject(p, where);
        var typeText = JsonFields.String(p, "type", where) ?? JsonFields.String(p, "mode", where);
        var type = typeText switch
        {
            "oauth" => ProfileType.OAuth,
            "token" => ProfileType.Token,
            "api_key" => ProfileType.ApiKey,
            _ => ProfileType.Unknown,
        };
        var provider = JsonFields.String(p, "provider", where) ?? ProfileIds.ProviderFromId(id);
        var display = ProfileIds.Display(id, fingerprinter);
        string? access = null, refresh = null;
        long? expiresMs = null;
        switch (type)
        {
            case ProfileType.OAuth:
                access = JsonFields.String(p, "access", where);
                refresh = JsonFields.String(p, "refresh", where);
                expiresMs = JsonFields.Int64(p, "expires", where);
                break;
            case ProfileType.Token:
                access = JsonFields.String(p, "token", where);
                expiresMs = JsonFields.Int64(p, "expires", where);
                break;
            case ProfileType.ApiKey:
                access = JsonFields.String(p, "key", where) ?? JsonFields.String(p, "apiKey", where);
                break;
            default:
                break;
        }

        var fence = RefreshFence.Classify(type, expiresMs, access, refresh);
        var blanked = type == ProfileType.OAuth && fence == FenceState.None
            && (access is "" || refresh is "" || expiresMs == 0);
        DateTimeOffset? expiry = null;
        if (fence == FenceState.None && expiresMs is > 0)
        {
            expiry = SafeUnixMs(expiresMs.Value, where);
        }

        return new ProfileSnapshot(
            ProfileId: id,
            DisplayId: display,
            Provider: provider,
            NormalizedProvider: ProfileIds.NormalizeProvider(provider),
            Type: type,
            AccessExpiresAt: expiry,
            RefreshExpiresAt: null,
            AccessFingerprint: UsableToken(access, fence) is { } a ? fingerprinter.Of(a) : null,
            RefreshFingerprint: UsableToken(refresh, fence) is { } r ? fingerprinter.Of(r) : null,
            Fence: fence,
            Blanked: blanked,
            Email: JsonFields.String(p, "email", where),
            AccountId: JsonFields.String(p, "accountId", where),
            ManagedBy: JsonFields.String(p, "managedBy", where))
        {
            AuthFlow = JsonFields.String(p, "authFlow", where),
        };
    }

    // A fence marker (whole or half) is never a token: it is not fingerprinted, so it can never be compared or copied.
    private static string? UsableToken(string? token, FenceState fence) =>
        fence != FenceState.None || string.IsNullOrEmpty(token) || RefreshFence.IsMarker(token) ? null : token;

    private static DateTimeOffset SafeUnixMs(long ms, string where)
    {
        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new StoreReadException(StoreErrorReasons.SchemaUnknown, $"{where}.expires is not a valid millisecond timestamp", ex);
        }
    }

    /// <summary>Parses <c>{order?, lastGood?, usageStats?}</c> (from the v1 file, auth-state.json, or the state row).</summary>
    public static UsageState ParseUsage(JsonElement root, string where, DateTimeOffset? updatedAt)
    {
        JsonFields.RequireObject(root, where);
        var order = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (JsonFields.Object(root, "order", where) is { } o)
        {
            foreach (var prop in o.EnumerateObject())
            {
                if (prop.Value.ValueKind != JsonValueKind.Array)
                {
                    throw JsonFields.WrongType($"{where}.order.{prop.Name}", "array", prop.Value.ValueKind);
                }

                order[prop.Name] = [.. prop.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
            }
        }

        var lastGood = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JsonFields.Object(root, "lastGood", where) is { } lg)
        {
            foreach (var prop in lg.EnumerateObject())
            {
                if (prop.Value.ValueKind == JsonValueKind.String)
                {
                    lastGood[prop.Name] = prop.Value.GetString()!;
                }
            }
        }

        var stats = new Dictionary<string, ProfileUsage>(StringComparer.Ordinal);
        if (JsonFields.Object(root, "usageStats", where) is { } us)
        {
            foreach (var prop in us.EnumerateObject())
            {
                if (prop.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var w = $"{where}.usageStats";
                var e = prop.Value;
                var failures = new Dictionary<string, long>(StringComparer.Ordinal);
                if (JsonFields.Object(e, "failureCounts", w) is { } fc)
                {
                    foreach (var f in fc.EnumerateObject())
                    {
                        if (f.Value.ValueKind == JsonValueKind.Number && f.Value.TryGetInt64(out var count))
                        {
                            failures[f.Name] = count;
                        }
                    }
                }

                stats[prop.Name] = new ProfileUsage(
                    LastUsed: TolerantMs(e, "lastUsed"),
                    ErrorCount: e.TryGetProperty("errorCount", out var ec) && ec.ValueKind == JsonValueKind.Number && ec.TryGetInt64(out var ecv) ? ecv : null,
                    FailureCounts: failures,
                    CooldownUntil: TolerantMs(e, "cooldownUntil"),
                    DisabledUntil: TolerantMs(e, "disabledUntil"),
                    DisabledReason: e.TryGetProperty("disabledReason", out var dr) && dr.ValueKind == JsonValueKind.String ? dr.GetString() : null,
                    LastFailureAt: TolerantMs(e, "lastFailureAt"),
                    Raw: e.Clone());
            }
        }

        return new UsageState(order, lastGood, stats, updatedAt);
    }

    // Usage stats are advisory: a malformed time there must not take the whole store down.
    private static DateTimeOffset? TolerantMs(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var ms)
            && ms is > 0 and < 253402300799999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>True when the object carries any usage-state key.</summary>
    public static bool HasUsage(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && (root.TryGetProperty("order", out _) || root.TryGetProperty("lastGood", out _) || root.TryGetProperty("usageStats", out _));
}
