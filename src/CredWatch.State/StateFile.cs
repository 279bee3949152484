using System.Security.Cryptography;

namespace CredWatch.State;

/// <summary>
/// The one writer of files CredWatch persists (fingerprint key, seen fingerprints, log positions, journal cursor,
/// outbox, counted task ids), and the core Resync uses for OpenClaw's own stores: a temp file with a unique name
/// created exclusively (<c>O_CREAT|O_EXCL</c>) with its final mode, written, fsynced, renamed over the target, then
/// the directory fsynced. A crash or a full disk leaves the old file or the new one, never a torn one, and no temp
/// file behind. Directories are created 0700.
/// </summary>
public static class StateFile
{
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Default size cap of a state file read at start (a bigger one is foreign or runaway).</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> (0600) atomically; <paramref name="beforeRename"/> runs
    /// on the complete, fsynced temp file (e.g. to give it the target's owner) before it replaces the target.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> content, Action<string>? beforeRename = null)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? "/";
        EnsureDirectory(dir);
        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + ".tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = PrivateFile;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            beforeRename?.Invoke(temp);
            File.Move(temp, full, overwrite: true);
            temp = null;
            Native.FsyncDirectory(dir);
        }
        finally
        {
            if (temp is not null)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>Creates <paramref name="dir"/> and each missing parent 0700 (CreateDirectory's mode covers only the last).</summary>
    public static void EnsureDirectory(string dir)
    {
        if (Directory.Exists(dir))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dir);
            return;
        }

        if (Path.GetDirectoryName(Path.GetFullPath(dir)) is { } parent)
        {
            EnsureDirectory(parent);
        }

        Directory.CreateDirectory(dir, PrivateDirectory);
    }

    /// <summary>Reads a state file at start: missing, its bytes, or why it cannot be used.</summary>
    public static StateFileRead Read(string path, long maxBytes = DefaultMaxBytes)
    {
        try
        {
            // Path.Exists: a directory (or anything else) where the file should be is unreadable, not missing.
            if (!Path.Exists(path))
            {
                return StateFileRead.Missing;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > maxBytes)
            {
                return StateFileRead.Corrupt(StateFileReasons.TooLarge);
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return StateFileRead.Ok(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return StateFileRead.Unreadable(StateFileReasons.Of(ex));
        }
    }

    /// <summary>
    /// Moves a corrupt file aside as <c>&lt;name&gt;.corrupt-&lt;UTC time&gt;</c> (a suffix added if that exists: never
    /// overwritten). Returns the new path, or null when it could not be moved (it is then left as it is).
    /// </summary>
    public static string? SetAside(string path, DateTimeOffset now)
    {
        var stem = path + ".corrupt-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 100; i++)
        {
            var aside = i == 0 ? stem : stem + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                if (File.Exists(aside))
                {
                    continue;
                }

                File.Move(path, aside, overwrite: false);
                return aside;
            }
            catch (IOException) when (File.Exists(aside))
            {
                // Taken between the check and the move: try the next name.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        return null;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp file that cannot be deleted cannot have been written either (same directory permissions).
        }
    }
}
