namespace CredWatch.Exporter.Stores;

/// <summary>Reads the Claude Code store (<c>.credentials.json</c>, docs/openclaw-observed.md) plus the account identity from <c>.claude.json</c>.</summary>
internal static class ClaudeStoreReader
{
    public static Task<StoreSnapshot> ReadAsync(StoreLocation location, ReadContext ctx, CancellationToken cancellationToken) =>
        JsonFileReader.ReadCliStoreAsync(location, ctx, StoreLayout.ClaudeCredentials, rootElement =>
        {
            var root = JsonFields.RequireObject(rootElement, ".credentials.json");
            var oauth = JsonFields.Object(root, "claudeAiOauth", ".credentials.json")
                ?? throw new StoreReadException(StoreErrorReasons.SchemaUnknown, $"{location.Path}: no 'claudeAiOauth' object (logged in with an API key, or an unknown format)");
            const string where = "claudeAiOauth";
            var access = JsonFields.String(oauth, "accessToken", where);
            var refresh = JsonFields.String(oauth, "refreshToken", where);
            var expiresMs = JsonFields.Int64(oauth, "expiresAt", where);
            var refreshExpires = JsonFields.UnixMs(oauth, "refreshTokenExpiresAt", where);
            var account = location.IdentityPath is null ? null : ClaudeAccountReader.TryRead(location.IdentityPath, ctx.Scan.MaxFileBytes * 10);
            var profile = JsonFileReader.CliLogin(
                ctx, "anthropic", access, refresh, expiresMs is > 0 ? JsonFields.UnixMs(oauth, "expiresAt", where) : null,
                blanked: access is "" || refresh is "" || expiresMs == 0, account,
                refreshExpires is { } re && re.ToUnixTimeMilliseconds() > 0 ? re : null);
            return (profile, account);
        }, cancellationToken);
}
