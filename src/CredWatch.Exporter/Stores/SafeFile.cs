using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace CredWatch.Exporter.Stores;

/// <summary>
/// Reads a (possibly hostile) file with a size cap and maps every IO failure to a bounded reason:
/// missing → not_found, EACCES → permission_denied, too big → too_large, symlink loop / other IO → read_failed.
/// </summary>
internal static class SafeFile
{
    /// <summary>
    /// Open, fstat, read, close: the common case costs four system calls and one exact-size buffer (the start-up
    /// scan reads ~1,000 of these). Only a failed open pays for working out why (directory, dangling link, …).
    /// </summary>
    public static FileContent Read(string path, long maxBytes)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw OpenFailed(path, ex);
        }

        using (handle)
        {
            try
            {
                var length = RandomAccess.GetLength(handle);
                if (length > maxBytes)
                {
                    throw new StoreReadException(StoreErrorReasons.TooLarge, $"{path} is {length} bytes, over the {maxBytes}-byte limit");
                }

                var modified = new DateTimeOffset(File.GetLastWriteTimeUtc(handle), TimeSpan.Zero);
                return new FileContent(ReadAll(handle, path, (int)length, maxBytes), modified);
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
    }

    // Reads to EOF into a buffer of the stat size; a file that grows while being read (or whose size the stat does not
    // tell, e.g. /proc or a device) reads on into a stream, up to one byte past maxBytes to detect "too large".
    private static byte[] ReadAll(SafeFileHandle handle, string path, int expected, long maxBytes)
    {
        var buffer = new byte[expected];
        var total = 0;
        int n;
        while (total < buffer.Length && (n = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0)
        {
            total += n;
        }

        if (total < buffer.Length)
        {
            return buffer[..total];
        }

        Span<byte> probe = stackalloc byte[1];
        if (RandomAccess.Read(handle, probe, total) == 0)
        {
            return buffer;
        }

        // Rare: the file is longer than its stat said.
        using var grown = new MemoryStream();
        grown.Write(buffer);
        grown.Write(probe);
        var chunk = new byte[4096];
        while (grown.Length <= maxBytes && (n = RandomAccess.Read(handle, chunk, grown.Length)) > 0)
        {
            grown.Write(chunk, 0, n);
        }

        return grown.Length > maxBytes
            ? throw new StoreReadException(StoreErrorReasons.TooLarge, $"{path} grew over the {maxBytes}-byte limit while being read")
            : grown.ToArray();
    }

    private static StoreReadException OpenFailed(string path, Exception ex)
    {
        try
        {
            // .NET refuses to open a directory as a file with UnauthorizedAccessException: not a permission problem.
            if (Directory.Exists(path))
            {
                return new StoreReadException(StoreErrorReasons.ReadFailed, $"{path} is a directory, expected a file", ex);
            }

            if (ex is UnauthorizedAccessException)
            {
                return new StoreReadException(StoreErrorReasons.PermissionDenied, $"{path}: permission denied", ex);
            }

            // A dangling or looping symlink fails like a missing file (or with ELOOP); tell them apart for the operator.
            if (new FileInfo(path).LinkTarget is not null)
            {
                return new StoreReadException(StoreErrorReasons.ReadFailed, $"{path} is a symlink that cannot be resolved (dangling or loop)", ex);
            }
        }
        catch (Exception probe) when (probe is IOException or UnauthorizedAccessException)
        {
            // The diagnosis is best effort: the open's own failure below still names a bounded reason.
        }

        return ex switch
        {
            FileNotFoundException or DirectoryNotFoundException => new StoreReadException(StoreErrorReasons.NotFound, $"{path} does not exist", ex),
            UnauthorizedAccessException => new StoreReadException(StoreErrorReasons.PermissionDenied, $"{path}: permission denied", ex),
            _ => new StoreReadException(StoreErrorReasons.ReadFailed, $"{path}: {ex.Message}", ex),
        };
    }

    /// <summary>
    /// The JSON text of a file: strict UTF-8 (BOM tolerated, and skipped); NUL bytes or invalid sequences → invalid_utf8.
    /// Validated in place, never decoded to a string: the JSON parser reads the UTF-8 bytes directly.
    /// </summary>
    public static ReadOnlyMemory<byte> Utf8Text(byte[] bytes, string path)
    {
        var text = bytes.AsMemory();
        if (text.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = text[3..];
        }

        if (text.Span.IndexOf((byte)0) >= 0)
        {
            throw new StoreReadException(StoreErrorReasons.InvalidUtf8, $"{path} contains NUL bytes (binary, not a JSON text file)");
        }

        return Utf8.IsValid(text.Span) ? text : throw new StoreReadException(StoreErrorReasons.InvalidUtf8, $"{path} is not valid UTF-8");
    }
}
