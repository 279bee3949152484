using System.Buffers;
using System.Security.Cryptography;
using CredWatch.LogTail.Configuration;
using CredWatch.LogTail.Metrics;
using CredWatch.LogTail.Signals;
using CredWatch.State;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace CredWatch.LogTail.Following;

/// <summary>
/// Follows the log files: one <see cref="PollOnce"/> discovers files, detects rotation / truncation /
/// replacement, reads new complete lines and persists positions. Single-threaded: the hosted service
/// calls it from one loop (woken by inotify or the poll timer).
/// </summary>
internal sealed class LogTailer : IDisposable
{
    /// <summary>Bytes of a file's head that identify its content (with the inode).</summary>
    public const int HeadBytes = 512;

    // Small enough that a read chunk is still in L2 while it is scanned (grep reads ~96 KB at a time).
    private const int ChunkBytes = 128 * 1024;

    /// <summary>A shorter head (a file's first partial line) is too common to tell a copy from another file.</summary>
    private const int MinHeadForCopy = 128;

    private readonly LogTailOptions _options;
    private readonly IReadOnlyList<string> _globs;
    private readonly TimeProvider _time;
    private readonly LogTailMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly SignalPipeline _pipeline;
    private readonly PositionStore _store;
    private readonly bool _reported;
    private readonly Dictionary<FileIdentity, FollowedFile> _followed = [];
    private readonly Dictionary<string, StoredPosition> _stored;
    private readonly byte[] _buffer;
    private bool _firstPoll = true;
    private readonly bool _firstEverStart;
    // Saved after the first pass even with no files: its existence marks "CredWatch ran here before".
    private bool _dirty = true;

    public LogTailer(LogTailOptions options, TimeProvider time, LogTailMetrics? metrics, RecentSignals? recent, Action<LogSignal> emit, ILogger logger, StateFileReporter? reporter = null)
    {
        _options = options;
        _globs = [.. (options.Paths.Count > 0 ? (IEnumerable<string>)options.Paths : LogFileDiscovery.DefaultGlobs()), .. options.ExtraFiles];
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _pipeline = new SignalPipeline(time, options.DedupeWindow, metrics, recent, emit);
        _store = new PositionStore(options.StateDir!, reporter, time);
        _reported = reporter is not null;
        var doc = _store.Load(out var problem);
        _firstEverStart = !_store.Existed;
        if (problem is not null)
        {
            Log.PositionsUnreadable(logger, _store.FilePath, problem);
        }

        _stored = doc.Files;
        _pipeline.Deduplicator.Import(doc.Dedupe);
        _buffer = new byte[Math.Max(ChunkBytes, options.MaxLineBytes) + ChunkBytes];
    }

    /// <summary>The globs and files followed (for watchers and status).</summary>
    public IReadOnlyList<string> Globs => _globs;

    public IReadOnlyCollection<string> FollowedPaths => [.. _followed.Values.Select(f => f.Path)];

    /// <summary>One pass: discover, detect rotation, read, persist. Returns true when any bytes were read.</summary>
    public bool PollOnce()
    {
        var firstPoll = _firstPoll;
        _firstPoll = false;
        var read = false;
        var seen = new HashSet<FileIdentity>();
        foreach (var path in LogFileDiscovery.Expand(_globs, _options.MaxFiles))
        {
            if (FileIdentity.OfPath(path) is not { } id)
            {
                continue;
            }

            seen.Add(id);
            if (_followed.TryGetValue(id, out var known))
            {
                known.Path = path;
                continue;
            }

            // A new identity at a path we followed before means the old file was renamed away (rotation);
            // the old handle is drained below before it is let go.
            var wasFollowedPath = _followed.Values.Any(f => string.Equals(f.Path, path, StringComparison.Ordinal));
            if (Open(path, id, firstPoll, wasFollowedPath) is { } file)
            {
                _followed[id] = file;
            }
        }

        if (firstPoll)
        {
            DrainMovedWhileStopped(seen);
        }

        foreach (var file in _followed.Values.ToList())
        {
            read |= ReadNew(file);
            if (!seen.Contains(file.Identity))
            {
                LetGo(file);
            }
        }

        if (_dirty)
        {
            SavePositions();
        }

        return read;
    }

    /// <summary>Persists positions now (also called at stop).</summary>
    public void SavePositions()
    {
        var doc = new PositionFile { Files = _stored, Dedupe = _pipeline.Deduplicator.Export() };
        try
        {
            _store.Save(doc);
            _dirty = false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Kept dirty: saved at the next pass. The state-file reporter, when there is one, already logged it once.
            if (!_reported)
            {
                Log.PositionsNotSaved(_logger, _store.FilePath, ex.Message);
            }
        }
    }

    public void Dispose()
    {
        foreach (var f in _followed.Values)
        {
            f.Dispose();
        }

        _followed.Clear();
    }

    private FollowedFile? Open(string path, FileIdentity pathId, bool firstPoll, bool wasFollowedPath)
    {
        SafeFileHandle handle;
        try
        {
            handle = OpenRead(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.OpenFailed(_logger, path, ex.GetType().Name);
            return null;
        }

        // The handle's own identity: the path may have been swapped between the stat and the open.
        var id = FileIdentity.OfHandle(handle) ?? pathId;
        if (_followed.ContainsKey(id))
        {
            handle.Dispose();
            return null;
        }

        var file = new FollowedFile(path, id, handle, new LineProcessor(_options.MaxLineBytes, _pipeline));
        var size = RandomAccess.GetLength(handle);
        if (_stored.TryGetValue(id.ToString(), out var pos))
        {
            if (HeadMatches(handle, pos.HeadHash, pos.HeadLength) && size >= pos.Offset)
            {
                file.Offset = pos.Offset;
                file.Processor.Discarding = pos.Discarding;
                Log.Resumed(_logger, path, pos.Offset);
            }
            else
            {
                // Same inode, other content: copytruncate (or truncation, inode reuse) while we were stopped.
                // The unread tail of the old content may survive in the copy: read it from the stored offset.
                var copied = DrainCopy(path, pos.HeadHash, pos.HeadLength, pos.Offset, pos.Discarding);
                _metrics?.AddRotation(copied ? RotationKinds.CopyTruncate : RotationKinds.Truncate);
                Log.ContentChanged(_logger, path);
            }
        }
        else if (!firstPoll && CopyOfFollowed(handle, size) is { } original)
        {
            // A copytruncate's copy that matches the glob: lines up to the original's offset were read there.
            file.Offset = Math.Min(original.Offset, size);
            file.Processor.Discarding = original.Processor.Discarding;
        }
        else if (firstPoll && _firstEverStart && _options.StartAtEnd)
        {
            // The very first start (no positions at all): history before CredWatch is not replayed.
            (file.Offset, var discarding) = StartOfLastLine(handle, size, _options.MaxLineBytes);
            file.Processor.Discarding = discarding;
        }
        else
        {
            // Appeared while we run, or while we were stopped: every line of it is new.
            file.Offset = 0;
            if (wasFollowedPath)
            {
                _metrics?.AddRotation(RotationKinds.Rename);
            }
            else if (firstPoll && _stored.Values.Any(p => string.Equals(p.Path, path, StringComparison.Ordinal)))
            {
                // We followed this path before the restart and it now holds another file.
                _metrics?.AddRotation(RotationKinds.Replaced);
                Log.Replaced(_logger, path);
            }
        }

        (file.HeadHash, file.HeadLength) = HeadHash(handle, HeadBytes);
        Persist(file);
        Log.Following(_logger, path, file.Offset);
        return file;
    }

    private bool ReadNew(FollowedFile file)
    {
        long size;
        try
        {
            size = RandomAccess.GetLength(file.Handle);
        }
        catch (IOException)
        {
            return false;
        }

        if (size == file.LastSize && file.HeadLength >= HeadBytes)
        {
            return false;
        }

        // The head check catches a copytruncate after which the file at once grew past our offset.
        if (size < file.Offset || (file.HeadLength > 0 && !HeadMatches(file.Handle, file.HeadHash, file.HeadLength)))
        {
            // The lines between our offset and the truncation live on in the copy, if there is one.
            var copied = DrainCopy(file.Path, file.HeadHash, file.HeadLength, file.Offset, file.Processor.Discarding);
            Restart(file, copied ? RotationKinds.CopyTruncate : RotationKinds.Truncate);
        }

        if (file.HeadLength < HeadBytes && size > file.HeadLength)
        {
            (file.HeadHash, file.HeadLength) = HeadHash(file.Handle, HeadBytes);
            _dirty = true;
        }

        var any = ReadRange(file);
        file.LastSize = size;

        // Always: a restart or a new head must reach the stored position even when no line followed,
        // or a later start would compare against the old head and re-read the copy.
        Persist(file);
        return any;
    }

    /// <summary>Reads complete lines from the file's offset to its current end; advances the offset.</summary>
    private bool ReadRange(FollowedFile file)
    {
        var any = false;
        var carry = 0;
        var offset = file.Offset;
        while (true)
        {
            int n;
            try
            {
                n = RandomAccess.Read(file.Handle, _buffer.AsSpan(carry, Math.Min(ChunkBytes, _buffer.Length - carry)), offset + carry);
            }
            catch (IOException ex)
            {
                Log.ReadFailed(_logger, file.Path, ex.GetType().Name);
                break;
            }

            if (n <= 0)
            {
                break;
            }

            var data = _buffer.AsSpan(0, carry + n);
            var consumed = file.Processor.Process(data, file.Path);
            offset += consumed;
            carry = data.Length - consumed;
            if (consumed > 0)
            {
                data[consumed..].CopyTo(_buffer);
                _metrics?.AddBytes(consumed);
                any = true;
            }
        }

        file.Offset = offset;
        return any;
    }

    /// <summary>
    /// At start: a stored file no longer found by the globs may have been renamed away while CredWatch was
    /// stopped (e.g. <c>name.1</c>). If a file beside its old path has the stored identity and head, the
    /// lines written after our stored offset are read from it; then the position is dropped.
    /// </summary>
    private void DrainMovedWhileStopped(HashSet<FileIdentity> seen)
    {
        foreach (var (key, pos) in _stored.ToList())
        {
            if (seen.Any(id => id.ToString() == key) || Path.GetDirectoryName(pos.Path) is not { } dir || !Directory.Exists(dir))
            {
                continue;
            }

            _stored.Remove(key);
            _dirty = true;
            if (DrainSibling(pos.Path, p => FileIdentity.OfPath(p)?.ToString() == key, pos.HeadHash, pos.HeadLength, pos.Offset, pos.Discarding) is { } moved)
            {
                _metrics?.AddRotation(RotationKinds.Rename);
                Log.LetGo(_logger, moved, RotationKinds.Rename);
            }
        }
    }

    /// <summary>A followed file whose head this new file shares: it is that file's copy (copytruncate).</summary>
    private FollowedFile? CopyOfFollowed(SafeFileHandle handle, long size) =>
        _followed.Values.FirstOrDefault(f => f.HeadLength >= MinHeadForCopy && size >= f.Offset && HeadMatches(handle, f.HeadHash, f.HeadLength));

    /// <summary>
    /// After a truncation of the file at <paramref name="path"/>: finds its copy beside it (a file not followed whose
    /// name starts with the original's and whose head is the original's old head, e.g. logrotate's
    /// <c>name.1</c>) and reads the copy from our old offset, so lines written just before the
    /// copytruncate are neither lost nor read twice. Returns whether a copy was found.
    /// </summary>
    private bool DrainCopy(string path, string headHash, int headLength, long offset, bool discarding)
    {
        if (headLength < MinHeadForCopy)
        {
            return false;
        }

        var followedPaths = _followed.Values.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return DrainSibling(path, p => !followedPaths.Contains(p), headHash, headLength, offset, discarding) is not null;
    }

    /// <summary>
    /// Reads, from <paramref name="offset"/> on, the first file beside <paramref name="original"/> (its name starts
    /// with the original's) that <paramref name="accept"/> takes and whose head is the given one. Returns its path.
    /// </summary>
    private string? DrainSibling(string original, Func<string, bool> accept, string headHash, int headLength, long offset, bool discarding)
    {
        if (Path.GetDirectoryName(original) is not { } dir)
        {
            return null;
        }

        try
        {
            var siblings = Directory.EnumerateFiles(dir, Path.GetFileName(original) + "*", new EnumerationOptions { MatchType = MatchType.Simple, IgnoreInaccessible = true });
            foreach (var path in siblings.Where(accept).ToList())
            {
                try
                {
                    using var h = OpenRead(path);
                    if (HeadMatches(h, headHash, headLength) && RandomAccess.GetLength(h) >= offset)
                    {
                        var sibling = new LineProcessor(_options.MaxLineBytes, _pipeline) { Discarding = discarding };
                        ReadRange(new FollowedFile(path, default, h, sibling) { Offset = offset });
                        return path;
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Log.ReadFailed(_logger, path, ex.GetType().Name);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.ReadFailed(_logger, original, ex.GetType().Name);
        }

        return null;
    }

    private void Restart(FollowedFile file, string kind)
    {
        _metrics?.AddRotation(kind);
        Log.Rotated(_logger, file.Path, kind);
        file.Offset = 0;
        file.Processor.Discarding = false;
        (file.HeadHash, file.HeadLength) = HeadHash(file.Handle, HeadBytes);
        _dirty = true;
    }

    private void LetGo(FollowedFile file)
    {
        // Drained above; a path that no longer exists was deleted, otherwise it was renamed out of the glob.
        var kind = File.Exists(file.Path) ? RotationKinds.Rename : RotationKinds.Deleted;
        if (kind == RotationKinds.Deleted)
        {
            _metrics?.AddRotation(kind);
        }

        Log.LetGo(_logger, file.Path, kind);
        _followed.Remove(file.Identity);
        _stored.Remove(file.Identity.ToString());
        _dirty = true;
        file.Dispose();
    }

    private void Persist(FollowedFile file)
    {
        _stored[file.Identity.ToString()] = new StoredPosition
        {
            Path = file.Path,
            Offset = file.Offset,
            HeadHash = file.HeadHash,
            HeadLength = file.HeadLength,
            Discarding = file.Processor.Discarding,
            UpdatedAt = _time.GetUtcNow(),
        };
        _dirty = true;
    }

    private static SafeFileHandle OpenRead(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    private static bool HeadMatches(SafeFileHandle handle, string hash, int length)
    {
        var (h, l) = HeadHash(handle, length);
        return l == length && string.Equals(h, hash, StringComparison.Ordinal);
    }

    private static (string Hash, int Length) HeadHash(SafeFileHandle handle, int length)
    {
        if (length <= 0)
        {
            return (string.Empty, 0);
        }

        var buf = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var total = 0;
            while (total < length)
            {
                var n = RandomAccess.Read(handle, buf.AsSpan(total, length - total), total);
                if (n <= 0)
                {
                    break;
                }

                total += n;
            }

            return (Convert.ToHexString(SHA256.HashData(buf.AsSpan(0, total))[..16]), total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    /// <summary>
    /// Offset just after the last newline: a partial last line found at start is read once it completes.
    /// Looks back at most one line cap; a longer partial line is skipped to its newline.
    /// </summary>
    private static (long Offset, bool Discarding) StartOfLastLine(SafeFileHandle handle, long size, int maxLine)
    {
        var buf = new byte[64 * 1024];
        var end = size;
        var limit = Math.Max(0, size - maxLine - 1);
        while (end > limit)
        {
            var start = Math.Max(limit, end - buf.Length);
            var n = RandomAccess.Read(handle, buf.AsSpan(0, (int)(end - start)), start);
            var idx = buf.AsSpan(0, n).LastIndexOf((byte)'\n');
            if (idx >= 0)
            {
                return (start + idx + 1, false);
            }

            end = start;
        }

        return limit == 0 ? (0, false) : (size, true);
    }
}
