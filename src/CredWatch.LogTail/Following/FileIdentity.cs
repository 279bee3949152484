using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CredWatch.LogTail.Following;

/// <summary>
/// (device, inode) of a file, read with Linux <c>statx(2)</c> through a source-generated
/// [LibraryImport] (AOT-friendly, no reflection). Why statx and not stat/fstat: glibc's <c>struct stat</c>
/// differs between x86-64 and arm64, while <c>struct statx</c> has one fixed layout on every
/// architecture, so the offsets below hold everywhere. Why not /proc: /proc/self/fdinfo has no inode of
/// the file and parsing `ls -i` is slower; statx on the open fd (AT_EMPTY_PATH) names exactly the file
/// we hold, free of rename races.
/// </summary>
internal readonly partial record struct FileIdentity(ulong Device, ulong Inode)
{
    private const int AtEmptyPath = 0x1000;
    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100;

    public override string ToString() => $"{Device}:{Inode}";

    public static FileIdentity? OfPath(string path) => Stat(AtFdCwd, path, 0);

    public static FileIdentity? OfHandle(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Stat((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static unsafe FileIdentity? Stat(int dirFd, string path, int flags)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // struct statx is 256 bytes: stx_ino at 32 (u64), stx_dev_major at 136, stx_dev_minor at 140 (u32).
        byte* buf = stackalloc byte[256];
        if (Native.Statx(dirFd, path, flags, StatxIno, buf) != 0)
        {
            return null;
        }

        var span = new ReadOnlySpan<byte>(buf, 256);
        var ino = MemoryMarshal.Read<ulong>(span[32..]);
        var major = MemoryMarshal.Read<uint>(span[136..]);
        var minor = MemoryMarshal.Read<uint>(span[140..]);

        return new FileIdentity(((ulong)major << 32) | minor, ino);
    }

    private static partial class Native
    {
        [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static unsafe partial int Statx(int dirfd, string pathname, int flags, uint mask, byte* statxbuf);
    }
}
