namespace CredWatch.LogTail.Following;

/// <summary>Expands the configured globs (wildcards in the file name only) into existing regular files.</summary>
internal static class LogFileDiscovery
{
    public const string DefaultPattern = "openclaw-*.log";

    /// <summary>The default globs: OpenClaw's log dir and its per-uid fallback (docs/openclaw-observed.md).</summary>
    public static IReadOnlyList<string> DefaultGlobs() =>
        [Path.Combine("/tmp/openclaw", DefaultPattern), .. Libc.Uid is { } uid ? [Path.Combine($"/tmp/openclaw-{uid}", DefaultPattern)] : (string[])[]];

    /// <summary>Directories to watch for the given globs and files.</summary>
    public static IEnumerable<string> Directories(IEnumerable<string> globsAndFiles) =>
        globsAndFiles.Select(Path.GetDirectoryName).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>Existing files matching, newest-written first, at most <paramref name="max"/>.</summary>
    public static List<string> Expand(IEnumerable<string> globsAndFiles, int max)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var glob in globsAndFiles)
        {
            var dir = Path.GetDirectoryName(glob);
            var name = Path.GetFileName(glob);
            if (string.IsNullOrEmpty(dir) || string.IsNullOrEmpty(name))
            {
                continue;
            }

            if (name.IndexOfAny(['*', '?']) < 0)
            {
                if (File.Exists(glob))
                {
                    found.Add(glob);
                }

                continue;
            }

            try
            {
                found.UnionWith(Directory.EnumerateFiles(dir, name, new EnumerationOptions { MatchType = MatchType.Simple, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Directory }));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A dir that is missing or unreadable: the next poll looks again.
            }
        }

        return [.. found.OrderByDescending(SafeWriteTime).Take(max)];
    }

    private static DateTime SafeWriteTime(string path)
    {
        try
        {
            return File.GetLastWriteTimeUtc(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DateTime.MinValue;
        }
    }
}
