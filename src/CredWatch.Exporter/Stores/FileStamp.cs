using System.Globalization;
using System.Text;

namespace CredWatch.Exporter.Stores;

/// <summary>
/// A cheap stat-only stamp of the files a store's content depends on (size, mtime, ctime of each, plus the
/// directory's own mtime so new or renamed files count). Equal stamps let a rescan reuse the last good snapshot.
/// </summary>
internal static class FileStamp
{
    public static string? Of(StoreLocation location) => location.Id.Store switch
    {
        StoreLabels.ClaudeCli => Files(location.Path, location.IdentityPath),
        StoreLabels.CodexCli => Files(location.Path),
        // The shared store lives in the state database; its WAL changes without touching the main file's mtime.
        StoreLabels.OpenClawShared => Files(
            location.Path,
            location.Path + "-wal",
            location.MainAgentDir is null ? null : Path.Combine(location.MainAgentDir, OpenClawFiles.AgentDatabase),
            location.MainAgentDir is null ? null : Path.Combine(location.MainAgentDir, OpenClawFiles.AgentDatabase + "-wal")),
        _ => Files(
            location.Path,
            Path.Combine(location.Path, OpenClawFiles.AuthProfiles),
            Path.Combine(location.Path, OpenClawFiles.AuthState),
            Path.Combine(location.Path, OpenClawFiles.AgentDatabase),
            Path.Combine(location.Path, OpenClawFiles.AgentDatabase + "-wal")),
    };

    private static string? Files(params string?[] paths)
    {
        var sb = new StringBuilder();
        foreach (var p in paths)
        {
            if (p is null)
            {
                continue;
            }

            try
            {
                FileSystemInfo info = Directory.Exists(p) ? new DirectoryInfo(p) : new FileInfo(p);
                if (!info.Exists)
                {
                    sb.Append("-|");
                    continue;
                }

                if (info.LinkTarget is not null)
                {
                    // Symlinked stores are always re-read: the link's stat says nothing about the target.
                    return null;
                }

                var length = info is FileInfo f ? f.Length : 0;
                sb.Append(length.ToString(CultureInfo.InvariantCulture)).Append(':')
                  .Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append(':')
                  .Append(info.CreationTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('|');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        return sb.ToString();
    }
}
