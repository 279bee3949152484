namespace CredWatch.Exporter.Stores;

/// <summary>
/// Reads the <c>oauth_creds.json</c> the MiniMax CLI (<c>~/.minimax/</c>) and the Gemini CLI (<c>~/.gemini/</c>) keep:
/// <c>access_token</c>, <c>refresh_token</c>, <c>expiry_date</c> (ms); Gemini adds an <c>id_token</c> whose
/// <c>email</c>/<c>sub</c> name the account. Field names as OpenClaw 2026.9.6 reads them (<c>cli-credentials</c>).
/// </summary>
internal static class OAuthCredsStoreReader
{
    public static async Task<StoreSnapshot> ReadAsync(StoreLocation location, ReadContext ctx, CancellationToken cancellationToken)
    {
        var gemini = location.Id.Store == StoreLabels.GeminiCli;
        var layout = gemini ? StoreLayout.GeminiOAuthCreds : StoreLayout.MiniMaxOAuthCreds;
        var snapshot = await JsonFileReader.ReadCliStoreAsync(location, ctx, layout, rootElement =>
        {
            const string where = "oauth_creds.json";
            var root = JsonFields.RequireObject(rootElement, where);
            var access = JsonFields.String(root, "access_token", where);
            var refresh = JsonFields.String(root, "refresh_token", where);
            var expiresMs = JsonFields.Int64(root, "expiry_date", where);
            if (access is null && refresh is null)
            {
                throw new StoreReadException(StoreErrorReasons.SchemaUnknown, $"{location.Path}: neither 'access_token' nor 'refresh_token' present");
            }

            AccountIdentity? account = null;
            if (gemini && JsonFields.String(root, "id_token", where) is { Length: > 0 } idToken)
            {
                account = new AccountIdentity(JwtClaims.String(idToken, "email"), JwtClaims.String(idToken, "sub"), null);
            }

            var expires = expiresMs is > 0 and < 253402300799000 ? DateTimeOffset.FromUnixTimeMilliseconds(expiresMs.Value) : (DateTimeOffset?)null;

            // OpenClaw refuses a file without both tokens and a numeric expiry: the login is unusable.
            var blanked = access is "" || refresh is "" || expiresMs is null or 0;
            return (JsonFileReader.CliLogin(ctx, gemini ? "google-gemini-cli" : "minimax-portal", access, refresh, expires, blanked, account), account);
        }, cancellationToken);
        return snapshot.Account?.Email is { Length: > 0 } email ? snapshot with { AccountDisplay = ctx.Fingerprinter.AccountId(email) } : snapshot;
    }
}
