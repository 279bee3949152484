namespace CredWatch.Exporter.Stores;

/// <summary>Reads the Codex CLI store (<c>auth.json</c>, docs/openclaw-observed.md); the access-token expiry comes from its JWT <c>exp</c>.</summary>
internal static class CodexStoreReader
{
    public static Task<StoreSnapshot> ReadAsync(StoreLocation location, ReadContext ctx, CancellationToken cancellationToken) =>
        JsonFileReader.ReadCliStoreAsync(location, ctx, StoreLayout.CodexAuth, rootElement =>
        {
            var root = JsonFields.RequireObject(rootElement, "auth.json");
            var tokens = JsonFields.Object(root, "tokens", "auth.json");
            var apiKey = JsonFields.String(root, "OPENAI_API_KEY", "auth.json");
            if (tokens is { } t)
            {
                const string where = "auth.json.tokens";
                var access = JsonFields.String(t, "access_token", where);
                var refresh = JsonFields.String(t, "refresh_token", where);
                var idToken = JsonFields.String(t, "id_token", where);
                var account = new AccountIdentity(JwtClaims.String(idToken, "email"), JsonFields.String(t, "account_id", where), null);
                var exp = JwtClaims.Int64(access, "exp");
                var expires = exp is > 0 and < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(exp.Value) : (DateTimeOffset?)null;
                return (JsonFileReader.CliLogin(ctx, "openai-codex", access, refresh, expires, access is "" || refresh is "", account), account);
            }

            if (!string.IsNullOrEmpty(apiKey))
            {
                var profile = new ProfileSnapshot(
                    "default", "default", "openai", "openai", ProfileType.ApiKey, null, null,
                    ctx.Fingerprinter.Of(apiKey), null, FenceState.None, false, null, null, null);
                return (profile, null);
            }

            throw new StoreReadException(StoreErrorReasons.SchemaUnknown, $"{location.Path}: neither 'tokens' nor 'OPENAI_API_KEY' present");
        }, cancellationToken);
}
