namespace CredWatch.Exporter.Stores;

/// <summary>Reads the Claude Code store (<c>.credentials.json</c>, docs/openclaw-observed.md) plus the account identity from <c>.claude.json</c>.</summary>
internal static class ClaudeStoreReader
{
    public static async Task<StoreSnapshot> ReadAsync(StoreLocation location, ReadContext ctx, CancellationToken cancellationToken)
    {
        try
        {
            var (doc, content) = await JsonFileReader.ReadAsync(location.Path, ctx.Scan.MaxFileBytes, ctx.Scan.TornReadRetries, ctx.Time, cancellationToken);
            using (doc)
            {
                var root = JsonFields.RequireObject(doc.RootElement, ".credentials.json");
                var oauth = JsonFields.Object(root, "claudeAiOauth", ".credentials.json")
                    ?? throw new StoreReadException(StoreErrorReasons.SchemaUnknown, $"{location.Path}: no 'claudeAiOauth' object (logged in with an API key, or an unknown format)");
                const string where = "claudeAiOauth";
                var access = JsonFields.String(oauth, "accessToken", where);
                var refresh = JsonFields.String(oauth, "refreshToken", where);
                var expiresMs = JsonFields.Int64(oauth, "expiresAt", where);
                var refreshExpires = JsonFields.UnixMs(oauth, "refreshTokenExpiresAt", where);
                var blanked = access is "" || refresh is "" || expiresMs == 0;
                var account = location.IdentityPath is null ? null : ClaudeAccountReader.TryRead(location.IdentityPath, ctx.Scan.MaxFileBytes * 10);
                var profile = new ProfileSnapshot(
                    ProfileId: "default",
                    DisplayId: "default",
                    Provider: "anthropic",
                    NormalizedProvider: "anthropic",
                    Type: ProfileType.OAuth,
                    AccessExpiresAt: expiresMs is > 0 ? JsonFields.UnixMs(oauth, "expiresAt", where) : null,
                    RefreshExpiresAt: refreshExpires is { } re && re.ToUnixTimeMilliseconds() > 0 ? re : null,
                    AccessFingerprint: string.IsNullOrEmpty(access) ? null : ctx.Fingerprinter.Of(access),
                    RefreshFingerprint: string.IsNullOrEmpty(refresh) ? null : ctx.Fingerprinter.Of(refresh),
                    Fence: FenceState.None,
                    Blanked: blanked,
                    Email: account?.Email,
                    AccountId: account?.AccountId,
                    ManagedBy: null);
                return new StoreSnapshot(
                    location.Id, location.Path, StoreLayout.ClaudeCredentials, null, null, [profile], UsageState.Empty, account,
                    content.ModifiedAt, ctx.Time.GetUtcNow(), ctx.Fingerprinter.OfBytes(content.Bytes));
            }
        }
        catch (StoreReadException ex)
        {
            return ctx.Failed(location.Id, location.Path, StoreLayout.ClaudeCredentials, ex.ToError());
        }
    }
}
