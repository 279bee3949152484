using System.Globalization;

namespace AotBench;

/// <summary>
/// Where a process's resident memory sits, from <c>/proc/PID/smaps</c> (KiB → MB). File-backed = clean pages of
/// mapped files (the executable, shared libraries): shared with the page cache, dropped first under pressure, but
/// counted in RSS. Anonymous = the process's own pages, split into: the executable's writable image (.data/.bss
/// and Native AOT's <c>.hydrated</c> section: type and method data the runtime rehydrates at start-up), the GC
/// heap (the GC's one large address reservation and what is committed and touched in it), malloc (the native heap
/// and glibc's 64 MB arenas: SQLite, OpenSSL, the runtime's own allocations) and the rest (thread stacks, runtime
/// tables, the JIT's code heap). The GC heap is found as the run of adjacent anonymous mappings that holds the largest reservation.
/// </summary>
internal sealed record MemoryBreakdown(
    double FileExeMb,
    double FileLibsMb,
    double AnonImageMb,
    double AnonGcMb,
    double AnonMallocMb,
    double AnonOtherMb)
{
    public double FileMb => FileExeMb + FileLibsMb;

    public double AnonMb => AnonImageMb + AnonGcMb + AnonMallocMb + AnonOtherMb;

    public static MemoryBreakdown Read(int pid)
    {
        var maps = Parse(File.ReadLines($"/proc/{pid}/smaps"));
        var exe = new FileInfo($"/proc/{pid}/exe").LinkTarget ?? string.Empty;
        double fileExe = 0, fileLibs = 0, image = 0, gc = 0, malloc = 0, other = 0;

        // Runs of address-adjacent anonymous mappings (split where protections differ).
        var runs = new List<List<Mapping>>();
        foreach (var m in maps)
        {
            if (m.Path.Length == 0 && runs.Count > 0 && runs[^1][^1].Path.Length == 0 && runs[^1][^1].End == m.Start)
            {
                runs[^1].Add(m);
            }
            else
            {
                runs.Add([m]);
            }
        }

        var gcRun = runs.Where(r => r[0].Path.Length == 0).MaxBy(r => r.Max(m => m.End - m.Start));
        Mapping? previous = null;
        foreach (var run in runs)
        {
            var first = run[0];
            if (first.Path.Length > 0)
            {
                // A file mapping's anonymous pages are its copy-on-write pages (relocated .data): the image's.
                var clean = first.RssKb - first.AnonKb;
                if (first.Path == exe)
                {
                    fileExe += clean;
                    image += first.AnonKb;
                }
                else if (first.Path.StartsWith("/memfd:", StringComparison.Ordinal))
                {
                    other += first.RssKb; // the JIT's double-mapped code heap: shared memory, the process's own
                }
                else if (first.Path.StartsWith('/'))
                {
                    fileLibs += clean;
                    other += first.AnonKb;
                }
                else if (first.Path == "[heap]")
                {
                    malloc += first.AnonKb;
                }
                else
                {
                    other += first.AnonKb; // [stack], [vvar], [vdso]
                }
            }
            else if (ReferenceEquals(run, gcRun))
            {
                gc += run.Sum(m => m.AnonKb);
            }
            else if (previous is { } p && p.Path == exe && p.End == first.Start)
            {
                image += run.Sum(m => m.AnonKb); // .bss / .hydrated right after the executable's last segment
            }
            else
            {
                for (var i = 0; i < run.Count; i++)
                {
                    if (IsArenaHead(run, i))
                    {
                        malloc += run[i].AnonKb;
                    }
                    else
                    {
                        other += run[i].AnonKb;
                    }
                }
            }

            previous = run[^1];
        }

        return new MemoryBreakdown(fileExe / 1024, fileLibs / 1024, image / 1024, gc / 1024, malloc / 1024, other / 1024);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"file {FileMb,5:F1} (exe {FileExeMb,5:F1}, libs {FileLibsMb,4:F1}) + anon {AnonMb,5:F1} (image {AnonImageMb,5:F1}, GC heap {AnonGcMb,5:F1}, malloc {AnonMallocMb,4:F1}, other {AnonOtherMb,4:F1})");

    // glibc's secondary arenas: a 64 MB-aligned, 64 MB reservation: a read-write head, the protected rest.
    private static bool IsArenaHead(List<Mapping> run, int i)
    {
        const long ArenaBytes = 64L * 1024 * 1024;
        var m = run[i];
        return m.Start % ArenaBytes == 0 && m.Perms.StartsWith("rw", StringComparison.Ordinal)
            && (m.End % ArenaBytes == 0 || (i + 1 < run.Count && run[i + 1].Perms.StartsWith("---", StringComparison.Ordinal) && run[i + 1].End % ArenaBytes == 0));
    }

    private static List<Mapping> Parse(IEnumerable<string> lines)
    {
        var maps = new List<Mapping>();
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && (colon < 0 || dash < colon) && IsHex(line.AsSpan(0, dash)))
            {
                // 7f0000-7f1000 rw-p 00000000 00:00 0    [path]
                var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                var range = parts[0].Split('-');
                maps.Add(new Mapping(
                    long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    parts[1],
                    parts.Length > 5 ? parts[5].Trim() : string.Empty));
            }
            else if (maps.Count > 0 && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                maps[^1].RssKb = Kb(line);
            }
            else if (maps.Count > 0 && line.StartsWith("Anonymous:", StringComparison.Ordinal))
            {
                maps[^1].AnonKb = Kb(line);
            }
        }

        return maps;
    }

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return s.Length > 0;
    }

    private static long Kb(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);

    private sealed class Mapping(long start, long end, string perms, string path)
    {
        public long Start { get; } = start;

        public long End { get; } = end;

        public string Perms { get; } = perms;

        public string Path { get; } = path;

        public long RssKb { get; set; }

        public long AnonKb { get; set; }
    }
}
