using CredWatch.State;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// Writes one of OpenClaw's files the way OpenClaw does since 2026.4.5, through CredWatch's state writer (unique
/// temp file created 0600, write, fsync, rename over the target, fsync the directory): a reader, or a crash at any
/// instant, sees the old file or the new one, never a half one. Always 0600, as OpenClaw writes it (a wider file
/// holding tokens is tightened, never kept); the owner is kept when running as root.
/// </summary>
internal static class AtomicFileWriter
{
    public static void Write(string target, ReadOnlySpan<byte> content)
    {
        var full = Path.GetFullPath(target);
        if (Path.GetDirectoryName(full) is { } dir && !Directory.Exists(dir))
        {
            // OpenClaw's directories are OpenClaw's to create (with its modes); the state writer would make one 0700.
            throw new DirectoryNotFoundException($"{dir} does not exist");
        }

        var owner = Environment.IsPrivilegedProcess && File.Exists(full) ? UnixNative.GetOwner(full) : null;
        StateFile.Write(full, content, tmp =>
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            // The umask may have narrowed the create mode: OpenClaw's file gets 0600 exactly, and keeps its owner.
            File.SetUnixFileMode(tmp, StateFile.PrivateFile);
            if (owner is { } o)
            {
                UnixNative.SetOwner(tmp, o.Uid, o.Gid);
            }
        });
    }
}
