namespace CredWatch.Exporter.Resync;

/// <summary>
/// Writes a file the way OpenClaw does since 2026.4.5: <c>&lt;target&gt;.&lt;uuid&gt;.tmp</c> in the same
/// directory → write → fsync → rename over the target → fsync the directory. A reader (or a crash at
/// any instant) sees either the old or the new file, never a half one. Always mode 0600 (as OpenClaw
/// writes it: a wider file holding tokens is tightened, never kept); the owner is kept when running as root.
/// </summary>
internal static class AtomicFileWriter
{
    public const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string target, ReadOnlySpan<byte> content, UnixFileMode? mode = null)
    {
        var full = Path.GetFullPath(target);
        var dir = Path.GetDirectoryName(full) ?? ".";
        var tmp = Path.Combine(dir, $"{Path.GetFileName(full)}.{Guid.NewGuid():D}.tmp");

        UnixFileMode effectiveMode = mode ?? PrivateMode;
        (uint Uid, uint Gid)? owner = null;
        if (File.Exists(full) && !OperatingSystem.IsWindows())
        {
            owner = UnixNative.GetOwner(full);
        }

        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Created private from the first byte: the tokens are never readable by others, not even briefly.
                create.UnixCreateMode = effectiveMode;
            }

            using (var fs = new FileStream(tmp, create))
            {
                fs.Write(content);
                fs.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The umask may have narrowed UnixCreateMode; set it exactly.
                File.SetUnixFileMode(tmp, effectiveMode);
                if (owner is { } o && Environment.IsPrivilegedProcess)
                {
                    UnixNative.SetOwner(tmp, o.Uid, o.Gid);
                }
            }

            File.Move(tmp, full, overwrite: true);
            UnixNative.FsyncDirectory(dir);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
