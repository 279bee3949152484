using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CredWatch.State;

/// <summary>The POSIX calls .NET does not expose: fsync of a directory and flock(2).</summary>
internal static class Native
{
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000; // Linux x86_64 and arm64
    private const int LockEx = 2;
    private const int LockNb = 4;

#pragma warning disable SYSLIB1054, CA2101 // blittable classic imports; no unsafe code needed
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint Read(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(SafeFileHandle fd, int operation);
#pragma warning restore SYSLIB1054, CA2101

    /// <summary>Makes a rename in <paramref name="dir"/> durable. Best effort off Linux.</summary>
    public static void FsyncDirectory(string dir)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(dir, ORdOnly | ODirectory);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {dir} to fsync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"fsync of directory {dir} failed (errno {errno})", errno);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>
    /// The first bytes of a file through open(2)/read(2): .NET's own open takes a shared flock, which fails on a file
    /// another process holds exclusively. Null when it cannot be read.
    /// </summary>
    public static byte[]? ReadHead(string path, int max)
    {
        var fd = Open(path, ORdOnly);
        if (fd < 0)
        {
            return null;
        }

        try
        {
            var buffer = new byte[max];
            var n = Read(fd, buffer, max);
            return n < 0 ? null : buffer[..(int)n];
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>flock(LOCK_EX|LOCK_NB): false when another open file description holds the lock.</summary>
    public static bool TryLockExclusive(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        if (Flock(handle, LockEx | LockNb) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == 11 /* EWOULDBLOCK */ ? false : throw new IOException($"flock failed (errno {errno})", errno);
    }
}
