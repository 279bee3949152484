using System.Text.Json;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// Reads the CLI stores' raw tokens at write time (Claude <c>.credentials.json</c> <c>claudeAiOauth</c>,
/// Codex <c>auth.json</c> <c>tokens</c>). The tokens live only in the returned update, for the write.
/// <c>SourceId</c> is the store file's path (newest-wins appends <c>#&lt;profile&gt;</c>, ignored here).
/// </summary>
internal sealed class CliStoreCredentialReader : ISourceCredentialReader
{
    private const long MaxBytes = 1024 * 1024;

    public ProfileTokenUpdate? Read(ResyncSource source)
    {
        var path = source.SourceId;
        var hash = path.LastIndexOf('#');
        if (hash > 0)
        {
            path = path[..hash];
        }

        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxBytes)
            {
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return source.Store switch
            {
                StoreLabels.ClaudeCli => Claude(root),
                StoreLabels.CodexCli => Codex(root),
                StoreLabels.MiniMaxCli => OAuthCreds(root),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ProfileTokenUpdate? Claude(JsonElement root)
    {
        if (!root.TryGetProperty("claudeAiOauth", out var o) || o.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var access = Str(o, "accessToken");
        var refresh = Str(o, "refreshToken");
        long? expires = o.TryGetProperty("expiresAt", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) ? v : null;
        return access is null || refresh is null || expires is null ? null : new ProfileTokenUpdate(access, refresh, expires.Value);
    }

    private static ProfileTokenUpdate? Codex(JsonElement root)
    {
        if (!root.TryGetProperty("tokens", out var t) || t.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var access = Str(t, "access_token");
        var refresh = Str(t, "refresh_token");
        // auth.json records no expiry: the access token's own exp claim is the one OpenClaw stores.
        var exp = JwtClaims.Int64(access, "exp");
        return access is null || refresh is null || exp is not (> 0 and < 253402300799) ? null : new ProfileTokenUpdate(access, refresh, exp.Value * 1000);
    }

    // ~/.minimax/oauth_creds.json: the fields OpenClaw copies (access, refresh, expires) under their CLI names.
    private static ProfileTokenUpdate? OAuthCreds(JsonElement root)
    {
        var access = Str(root, "access_token");
        var refresh = Str(root, "refresh_token");
        long? expires = root.TryGetProperty("expiry_date", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) ? v : null;
        return string.IsNullOrEmpty(access) || string.IsNullOrEmpty(refresh) || expires is not > 0 ? null : new ProfileTokenUpdate(access, refresh, expires.Value);
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
