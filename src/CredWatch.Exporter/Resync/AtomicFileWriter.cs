using CredWatch.State;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// Writes one of OpenClaw's files the way OpenClaw does since 2026.4.5: a temp file in the same
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
        if (Path.GetDirectoryName(full) is { } dir && !Directory.Exists(dir))
        {
            // OpenClaw's directories are OpenClaw's to create (with its modes); the state writer would make one 0700.
            throw new DirectoryNotFoundException($"{dir} does not exist");
        }

        var effectiveMode = mode ?? PrivateMode;
        (uint Uid, uint Gid)? owner = null;
        if (File.Exists(full) && !OperatingSystem.IsWindows())
        {
            owner = UnixNative.GetOwner(full);
        }

        // CredWatch's own state writer: created with the mode from the first byte (the tokens are never readable by
        // others, not even briefly), fsynced, renamed, directory fsynced; on any failure the temp file is removed.
        StateFile.Write(full, content, effectiveMode, tmp =>
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            // The umask may have narrowed the create mode; OpenClaw's file gets it exactly, and keeps its owner.
            File.SetUnixFileMode(tmp, effectiveMode);
            if (owner is { } o && Environment.IsPrivilegedProcess)
            {
                UnixNative.SetOwner(tmp, o.Uid, o.Gid);
            }
        });
    }
}
