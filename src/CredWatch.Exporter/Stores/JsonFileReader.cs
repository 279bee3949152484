using System.Text.Json;

namespace CredWatch.Exporter.Stores;

/// <summary>
/// Reads a JSON file that a non-atomic writer may be rewriting: on a parse failure it re-reads (with a
/// short backoff) until two reads agree or the retries run out, and only then reports <c>invalid_json</c>.
/// </summary>
internal static class JsonFileReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static async Task<(JsonDocument Document, FileContent Content)> ReadAsync(
        string path, long maxBytes, int retries, TimeProvider time, CancellationToken cancellationToken)
    {
        byte[]? previous = null;
        for (var attempt = 0; ; attempt++)
        {
            var content = SafeFile.Read(path, maxBytes);
            var text = SafeFile.Utf8Text(content.Bytes, path);
            try
            {
                return (JsonDocument.Parse(text, DocumentOptions), content);
            }
            catch (JsonException ex)
            {
                var settled = previous is not null && previous.AsSpan().SequenceEqual(content.Bytes);
                if (settled || attempt >= retries)
                {
                    // The exception message quotes no content (only line/byte positions), so it is safe to surface.
                    throw new StoreReadException(
                        StoreErrorReasons.InvalidJson,
                        $"{path} is not valid JSON after {attempt + 1} read(s) (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine})");
                }

                previous = content.Bytes;
                await Task.Delay(TimeSpan.FromMilliseconds(20 * (1 << Math.Min(attempt, 5))), time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// A CLI's one-login store: its JSON read as above, its profile and account taken by <paramref name="parse"/>, and
    /// any failure turned into a failed snapshot of <paramref name="layout"/>.
    /// </summary>
    public static async Task<StoreSnapshot> ReadCliStoreAsync(
        StoreLocation location, ReadContext ctx, StoreLayout layout,
        Func<JsonElement, (ProfileSnapshot Profile, AccountIdentity? Account)> parse, CancellationToken cancellationToken)
    {
        try
        {
            var (doc, content) = await ReadAsync(location.Path, ctx.Scan.MaxFileBytes, ctx.Scan.TornReadRetries, ctx.Time, cancellationToken);
            using (doc)
            {
                var (profile, account) = parse(doc.RootElement);
                return new StoreSnapshot(
                    location.Id, location.Path, layout, null, null, [profile], UsageState.Empty, account,
                    content.ModifiedAt, ctx.Time.GetUtcNow(), ctx.Fingerprinter.OfBytes(content.Bytes));
            }
        }
        catch (StoreReadException ex)
        {
            return ctx.Failed(location.Id, location.Path, layout, ex.ToError());
        }
    }

    /// <summary>The <c>default</c> OAuth profile of a CLI's store, its tokens fingerprinted.</summary>
    public static ProfileSnapshot CliLogin(
        ReadContext ctx, string provider, string? access, string? refresh, DateTimeOffset? accessExpires, bool blanked, AccountIdentity? account,
        DateTimeOffset? refreshExpires = null) =>
        new("default", "default", provider, provider, ProfileType.OAuth, accessExpires, refreshExpires,
            string.IsNullOrEmpty(access) ? null : ctx.Fingerprinter.Of(access),
            string.IsNullOrEmpty(refresh) ? null : ctx.Fingerprinter.Of(refresh),
            FenceState.None, blanked, account?.Email, account?.AccountId, ManagedBy: null);
}
