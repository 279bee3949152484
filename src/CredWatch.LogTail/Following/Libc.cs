using System.Runtime.InteropServices;

namespace CredWatch.LogTail.Following;

/// <summary>The one libc call besides statx: the uid that names OpenClaw's fallback log dir /tmp/openclaw-&lt;uid&gt;.</summary>
internal static partial class Libc
{
    public static uint? Uid => OperatingSystem.IsLinux() ? GetUid() : null;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetUid();
}
