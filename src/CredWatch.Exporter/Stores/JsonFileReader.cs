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
}
