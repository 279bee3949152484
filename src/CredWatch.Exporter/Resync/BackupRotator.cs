using System.Globalization;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// Keeps the previous store as <c>&lt;file&gt;.credwatch-bak.&lt;UTC timestamp&gt;</c> (mode 0600, written
/// atomically) and prunes all but the newest <c>keep</c>. The timestamp sorts lexically = chronologically.
/// </summary>
internal static class BackupRotator
{
    public const string Marker = ".credwatch-bak.";

    public static string Write(string target, ReadOnlySpan<byte> previous, TimeProvider time, int keep)
    {
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var path = target + Marker + stamp;
        for (var n = 1; File.Exists(path); n++)
        {
            path = $"{target}{Marker}{stamp}-{n}";
        }

        AtomicFileWriter.Write(path, previous);
        Prune(target, keep);
        return path;
    }

    public static IReadOnlyList<string> List(string target)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(target)) ?? ".";
        var prefix = Path.GetFileName(target) + Marker;
        return Directory.EnumerateFiles(dir, prefix + "*")
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static void Prune(string target, int keep)
    {
        var all = List(target);
        foreach (var old in all.Take(Math.Max(0, all.Count - Math.Max(keep, 1))))
        {
            try
            {
                File.Delete(old);
            }
            catch (IOException)
            {
                // A leftover backup is harmless; the next rotation tries again.
            }
        }
    }
}
