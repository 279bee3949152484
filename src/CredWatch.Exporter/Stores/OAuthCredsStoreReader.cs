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
        try
        {
            var (doc, content) = await JsonFileReader.ReadAsync(location.Path, ctx.Scan.MaxFileBytes, ctx.Scan.TornReadRetries, ctx.Time, cancellationToken);
            using (doc)
            {
                const string where = "oauth_creds.json";
                var root = JsonFields.RequireObject(doc.RootElement, where);
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

                var provider = gemini ? "google-gemini-cli" : "minimax-portal";
                var profile = new ProfileSnapshot(
                    ProfileId: "default",
                    DisplayId: "default",
                    Provider: provider,
                    NormalizedProvider: provider,
                    Type: ProfileType.OAuth,
                    AccessExpiresAt: expiresMs is > 0 and < 253402300799000 ? DateTimeOffset.FromUnixTimeMilliseconds(expiresMs.Value) : null,
                    RefreshExpiresAt: null,
                    AccessFingerprint: string.IsNullOrEmpty(access) ? null : ctx.Fingerprinter.Of(access),
                    RefreshFingerprint: string.IsNullOrEmpty(refresh) ? null : ctx.Fingerprinter.Of(refresh),
                    Fence: FenceState.None,
                    // OpenClaw refuses a file without both tokens and a numeric expiry: the login is unusable.
                    Blanked: access is "" || refresh is "" || expiresMs is null or 0,
                    Email: account?.Email,
                    AccountId: account?.AccountId,
                    ManagedBy: null);
                return new StoreSnapshot(
                    location.Id, location.Path, layout, null, null, [profile], UsageState.Empty, account,
                    content.ModifiedAt, ctx.Time.GetUtcNow(), ctx.Fingerprinter.OfBytes(content.Bytes))
                {
                    AccountDisplay = account?.Email is { Length: > 0 } email ? ctx.Fingerprinter.AccountId(email) : null,
                };
            }
        }
        catch (StoreReadException ex)
        {
            return ctx.Failed(location.Id, location.Path, layout, ex.ToError());
        }
    }
}
