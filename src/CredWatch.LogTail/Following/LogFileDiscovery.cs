namespace CredWatch.LogTail.Following;

/// <summary>Expands the configured globs (wildcards in the file name only) into existing regular files.</summary>
internal static class LogFileDiscovery
{
    public const string DefaultPattern = "openclaw-*.log";

    /// <summary>The default globs: OpenClaw's log dir and its per-uid fallback (docs/openclaw-observed.md).</summary>
    public static IReadOnlyList<string> DefaultGlobs()
    {
        var globs = new List<string> { Path.Combine("/tmp/openclaw", DefaultPattern) };
        if (Libc.Uid is { } uid)
        {
            globs.Add(Path.Combine($"/tmp/openclaw-{uid}", DefaultPattern));
        }

        return globs;
    }

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

            if (!Directory.Exists(dir))
            {
                continue;
            }

            try
            {
                foreach (var f in Directory.EnumerateFiles(dir, name, new EnumerationOptions { MatchType = MatchType.Simple, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Directory }))
                {
                    found.Add(f);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A dir that vanished or became unreadable between the check and the listing: next poll.
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
