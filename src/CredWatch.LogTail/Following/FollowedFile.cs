using CredWatch.LogTail.Signals;
using Microsoft.Win32.SafeHandles;

namespace CredWatch.LogTail.Following;

/// <summary>A file being followed: its open handle (kept across rename and delete), identity and position.</summary>
internal sealed class FollowedFile(string path, FileIdentity identity, SafeFileHandle handle, LineProcessor processor) : IDisposable
{
    public string Path { get; set; } = path;

    public FileIdentity Identity { get; } = identity;

    public SafeFileHandle Handle { get; } = handle;

    public LineProcessor Processor { get; } = processor;

    public long Offset { get; set; }

    public string HeadHash { get; set; } = string.Empty;

    public int HeadLength { get; set; }

    public long LastSize { get; set; } = -1;

    public void Dispose() => Handle.Dispose();
}
