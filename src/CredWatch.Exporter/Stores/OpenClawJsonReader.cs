namespace CredWatch.Exporter.Stores;

/// <summary>Reads layout 1 (<c>auth-profiles.json</c> alone) and layout 2 (+ <c>auth-state.json</c>).</summary>
internal static class OpenClawJsonReader
{
    public static async Task<StoreSnapshot> ReadAsync(StoreLocation location, string? statePath, ReadContext ctx, CancellationToken cancellationToken)
    {
        var layout = statePath is null ? StoreLayout.OpenClawJsonV1 : StoreLayout.OpenClawJsonWithState;
        try
        {
            var (doc, content) = await JsonFileReader.ReadAsync(location.Path, ctx.Scan.MaxFileBytes, ctx.Scan.TornReadRetries, ctx.Time, cancellationToken);
            using (doc)
            {
                var (version, profiles) = OpenClawStoreParser.ParseProfiles(doc.RootElement, OpenClawFiles.AuthProfiles, ctx.Fingerprinter);
                var usage = OpenClawStoreParser.HasUsage(doc.RootElement)
                    ? OpenClawStoreParser.ParseUsage(doc.RootElement, OpenClawFiles.AuthProfiles, content.ModifiedAt)
                    : UsageState.Empty;
                var contentVersion = ctx.Fingerprinter.OfBytes(content.Bytes);
                if (statePath is not null)
                {
                    var (stateDoc, stateContent) = await JsonFileReader.ReadAsync(statePath, ctx.Scan.MaxFileBytes, ctx.Scan.TornReadRetries, ctx.Time, cancellationToken);
                    using (stateDoc)
                    {
                        // In layout 2 the state file is authoritative for order/lastGood/usageStats.
                        usage = OpenClawStoreParser.ParseUsage(stateDoc.RootElement, OpenClawFiles.AuthState, stateContent.ModifiedAt);
                        contentVersion += ctx.Fingerprinter.OfBytes(stateContent.Bytes)[..16];
                    }
                }

                return new StoreSnapshot(location.Id, location.Path, layout, null, version, profiles, usage, null, content.ModifiedAt, ctx.Time.GetUtcNow(), contentVersion);
            }
        }
        catch (StoreReadException ex)
        {
            return ctx.Failed(location.Id, location.Path, layout, ex.ToError());
        }
    }
}
