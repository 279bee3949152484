using System.Runtime.InteropServices;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// The few POSIX calls .NET does not expose: file owner, chown, kill(pid, 0), realpath.
/// Classic DllImport on purpose: every signature is blittable, so no unsafe code or marshalling stubs.
/// </summary>
internal static class UnixNative
{
    private const int Esrch = 3;

#pragma warning disable SYSLIB1054, CA2101 // blittable classic imports; LibraryImport would need AllowUnsafeBlocks
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int sig);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint uid, uint gid);

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buf);

    [DllImport("libc", EntryPoint = "getuid")]
    private static extern uint GetUid();

    [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
    private static extern int Lstat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buf);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr ptr);
#pragma warning restore SYSLIB1054, CA2101

    public static bool IsLinux => OperatingSystem.IsLinux();

    /// <summary>This process's real user id (Linux only).</summary>
    public static uint Uid => GetUid();

    /// <summary>realpath(3): OpenClaw keys its lock on the resolved directory, so must we.</summary>
    public static string ResolvePath(string path)
    {
        if (!IsLinux)
        {
            return Path.GetFullPath(path);
        }

        var p = RealPath(path, IntPtr.Zero);
        if (p == IntPtr.Zero)
        {
            return Path.GetFullPath(path);
        }

        try
        {
            return Marshal.PtrToStringUTF8(p) ?? Path.GetFullPath(path);
        }
        finally
        {
            Free(p);
        }
    }

    /// <summary>Owner of a file, or null when the platform's struct stat layout is not one we know.</summary>
    public static (uint Uid, uint Gid)? GetOwner(string path) => Owner(path, followLink: true);

    /// <summary>Owner of a symbolic link itself (lstat), or null as <see cref="GetOwner"/>.</summary>
    public static (uint Uid, uint Gid)? GetLinkOwner(string path) => Owner(path, followLink: false);

    private static (uint Uid, uint Gid)? Owner(string path, bool followLink)
    {
        if (!IsLinux)
        {
            return null;
        }

        // struct stat offsets of st_uid/st_gid: x86_64 28/32, arm64 (generic layout) 24/28.
        var (uidOffset, gidOffset) = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (28, 32),
            Architecture.Arm64 => (24, 28),
            _ => (-1, -1),
        };
        if (uidOffset < 0)
        {
            return null;
        }

        var buf = new byte[256];
        if ((followLink ? Stat(path, buf) : Lstat(path, buf)) != 0)
        {
            return null;
        }

        return (BitConverter.ToUInt32(buf, uidOffset), BitConverter.ToUInt32(buf, gidOffset));
    }

    public static void SetOwner(string path, uint uid, uint gid)
    {
        if (Chown(path, uid, gid) != 0)
        {
            throw new IOException($"chown failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>True when the pid certainly no longer runs (zombies count as dead: they hold nothing).</summary>
    public static bool IsProcessDead(int pid)
    {
        if (pid <= 0)
        {
            return true;
        }

        if (IsLinux && Directory.Exists("/proc/self"))
        {
            var state = ReadProcStat(pid);
            return state is null || state.Value.State is 'Z' or 'X';
        }

        return Kill(pid, 0) != 0 && Marshal.GetLastPInvokeError() == Esrch;
    }

    /// <summary>Process start time in clock ticks since boot (/proc/pid/stat field 22), as OpenClaw records it.</summary>
    public static long? ProcessStartTime(int pid) => ReadProcStat(pid)?.StartTime;

    private static (char State, long StartTime)? ReadProcStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // comm may contain spaces and parentheses: fields restart after the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length)
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state); starttime is field 22 → index 19.
        if (fields.Length < 20 || fields[0].Length == 0 || !long.TryParse(fields[19], out var start))
        {
            return null;
        }

        return (fields[0][0], start);
    }
}
