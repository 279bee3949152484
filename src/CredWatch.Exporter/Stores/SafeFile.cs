using System.Text;

namespace CredWatch.Exporter.Stores;

/// <summary>
/// Reads a (possibly hostile) file with a size cap and maps every IO failure to a bounded reason:
/// missing → not_found, EACCES → permission_denied, too big → too_large, symlink loop / other IO → read_failed.
/// </summary>
internal static class SafeFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static FileContent Read(string path, long maxBytes)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                if (Directory.Exists(path))
                {
                    throw new StoreReadException(StoreErrorReasons.ReadFailed, $"{path} is a directory, expected a file");
                }

                // A dangling or looping symlink also reports !Exists; tell them apart for the operator.
                if (info.LinkTarget is not null)
                {
                    throw new StoreReadException(StoreErrorReasons.ReadFailed, $"{path} is a symlink that cannot be resolved (dangling or loop)");
                }

                throw new StoreReadException(StoreErrorReasons.NotFound, $"{path} does not exist");
            }

            if (info.Length > maxBytes)
            {
                throw new StoreReadException(StoreErrorReasons.TooLarge, $"{path} is {info.Length} bytes, over the {maxBytes}-byte limit");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[Math.Min(maxBytes + 1, Math.Max(info.Length, 0) + 1)];
            var total = 0;
            int n;
            while ((n = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += n;
                if (total == buffer.Length)
                {
                    if (total > maxBytes)
                    {
                        throw new StoreReadException(StoreErrorReasons.TooLarge, $"{path} grew over the {maxBytes}-byte limit while being read");
                    }

                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, buffer.Length * 2L));
                }
            }

            return new FileContent(buffer.AsSpan(0, total).ToArray(), new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
        }
        catch (StoreReadException)
        {
            throw;
        }
        catch (FileNotFoundException ex)
        {
            throw new StoreReadException(StoreErrorReasons.NotFound, $"{path} does not exist", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new StoreReadException(StoreErrorReasons.NotFound, $"{path}: directory does not exist", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StoreReadException(StoreErrorReasons.PermissionDenied, $"{path}: permission denied", ex);
        }
        catch (IOException ex)
        {
            throw new StoreReadException(StoreErrorReasons.ReadFailed, $"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Decodes strict UTF-8 (BOM tolerated); NUL bytes or invalid sequences → invalid_utf8.</summary>
    public static string DecodeUtf8(byte[] bytes, string path)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        if (span.IndexOf((byte)0) >= 0)
        {
            throw new StoreReadException(StoreErrorReasons.InvalidUtf8, $"{path} contains NUL bytes (binary, not a JSON text file)");
        }

        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException ex)
        {
            throw new StoreReadException(StoreErrorReasons.InvalidUtf8, $"{path} is not valid UTF-8", ex);
        }
    }
}
