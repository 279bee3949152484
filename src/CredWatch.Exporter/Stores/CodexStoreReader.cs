using System.Text;
using System.Text.Json;

namespace CredWatch.Exporter.Stores;

/// <summary>Reads the Codex CLI store (<c>auth.json</c>, docs/openclaw-observed.md); the access-token expiry comes from its JWT <c>exp</c>.</summary>
internal static class CodexStoreReader
{
    public static async Task<StoreSnapshot> ReadAsync(StoreLocation location, ReadContext ctx, CancellationToken cancellationToken)
    {
        try
        {
            var (doc, content) = await JsonFileReader.ReadAsync(location.Path, ctx.Scan.MaxFileBytes, ctx.Scan.TornReadRetries, ctx.Time, cancellationToken);
            using (doc)
            {
                var root = JsonFields.RequireObject(doc.RootElement, "auth.json");
                var tokens = JsonFields.Object(root, "tokens", "auth.json");
                var apiKey = JsonFields.String(root, "OPENAI_API_KEY", "auth.json");
                ProfileSnapshot profile;
                AccountIdentity? account = null;
                if (tokens is { } t)
                {
                    const string where = "auth.json.tokens";
                    var access = JsonFields.String(t, "access_token", where);
                    var refresh = JsonFields.String(t, "refresh_token", where);
                    var idToken = JsonFields.String(t, "id_token", where);
                    var accountId = JsonFields.String(t, "account_id", where);
                    var email = JwtClaims.String(idToken, "email");
                    account = new AccountIdentity(email, accountId, null);
                    var exp = JwtClaims.Int64(access, "exp");
                    profile = new ProfileSnapshot(
                        "default", "default", "openai-codex", "openai-codex", ProfileType.OAuth,
                        AccessExpiresAt: exp is > 0 and < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(exp.Value) : null,
                        RefreshExpiresAt: null,
                        AccessFingerprint: string.IsNullOrEmpty(access) ? null : ctx.Fingerprinter.Of(access),
                        RefreshFingerprint: string.IsNullOrEmpty(refresh) ? null : ctx.Fingerprinter.Of(refresh),
                        Fence: FenceState.None,
                        Blanked: access is "" || refresh is "",
                        Email: email,
                        AccountId: accountId,
                        ManagedBy: null);
                }
                else if (!string.IsNullOrEmpty(apiKey))
                {
                    profile = new ProfileSnapshot(
                        "default", "default", "openai", "openai", ProfileType.ApiKey, null, null,
                        ctx.Fingerprinter.Of(apiKey), null, FenceState.None, false, null, null, null);
                }
                else
                {
                    throw new StoreReadException(StoreErrorReasons.SchemaUnknown, $"{location.Path}: neither 'tokens' nor 'OPENAI_API_KEY' present");
                }

                return new StoreSnapshot(
                    location.Id, location.Path, StoreLayout.CodexAuth, null, null, [profile], UsageState.Empty, account,
                    content.ModifiedAt, ctx.Time.GetUtcNow(), ctx.Fingerprinter.OfBytes(content.Bytes));
            }
        }
        catch (StoreReadException ex)
        {
            return ctx.Failed(location.Id, location.Path, StoreLayout.CodexAuth, ex.ToError());
        }
    }
}
