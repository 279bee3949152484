using System.Buffers;
using System.Security.Cryptography;
using CredWatch.LogTail.Configuration;
using CredWatch.LogTail.Metrics;
using CredWatch.LogTail.Signals;
using Microsoft.Extensions.Logging;

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

    private const int ChunkBytes = 1024 * 1024;

    private readonly LogTailOptions _options;
    private readonly IReadOnlyList<string> _globs;
    private readonly TimeProvider _time;
    private readonly LogTailMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly SignalPipeline _pipeline;
    private readonly PositionStore _store;
    private readonly Dictionary<FileIdentity, FollowedFile> _followed = [];
    private readonly Dictionary<string, StoredPosition> _stored;
    private readonly byte[] _buffer;
    private bool _firstPoll = true;
    private bool _dirty;

    public LogTailer(LogTailOptions options, TimeProvider time, LogTailMetrics? metrics, RecentSignals? recent, Action<LogSignal> emit, ILogger logger)
    {
        _options = options;
        _globs = [.. (options.Paths.Count > 0 ? (IEnumerable<string>)options.Paths : LogFileDiscovery.DefaultGlobs()), .. options.ExtraFiles];
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _pipeline = new SignalPipeline(time, options.DedupeWindow, metrics, recent, emit);
        _store = new PositionStore(options.StateDir!);
        var doc = _store.Load(out var problem);
        if (problem is not null)
        {
            Log.PositionsUnreadable(logger, _store.FilePath, problem);
        }

        _stored = doc.Files;
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
        var doc = new PositionFile { Files = _stored };
        try
        {
            _store.Save(doc);
            _dirty = false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.PositionsNotSaved(_logger, _store.FilePath, ex.Message);
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
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
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
        var key = id.ToString();
        if (_stored.TryGetValue(key, out var pos))
        {
            var (hash, len) = HeadHash(handle, pos.HeadLength);
            if (len == pos.HeadLength && string.Equals(hash, pos.HeadHash, StringComparison.Ordinal) && size >= pos.Offset)
            {
                file.Offset = pos.Offset;
                file.Processor.Discarding = pos.Discarding;
                Log.Resumed(_logger, path, pos.Offset);
            }
            else
            {
                // Same inode, other content: copytruncate (or inode reuse) while we were stopped.
                file.Offset = 0;
                _metrics?.AddRotation(size < pos.Offset || len < pos.HeadLength ? RotationKinds.Truncate : RotationKinds.CopyTruncate);
                Log.ContentChanged(_logger, path);
            }
        }
        else if (wasFollowedPath || !firstPoll)
        {
            // Appeared while we run (or replaced a followed file): every line of it is new.
            file.Offset = 0;
            if (wasFollowedPath)
            {
                _metrics?.AddRotation(RotationKinds.Rename);
            }
        }
        else if (_stored.Values.Any(p => string.Equals(p.Path, path, StringComparison.Ordinal)))
        {
            // We followed this path before the restart and it now holds another file: replaced while stopped.
            file.Offset = 0;
            _metrics?.AddRotation(RotationKinds.Replaced);
            Log.Replaced(_logger, path);
        }
        else
        {
            if (_options.StartAtEnd)
            {
                (file.Offset, var discarding) = StartOfLastLine(handle, size, _options.MaxLineBytes);
                file.Processor.Discarding = discarding;
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

        if (size < file.Offset)
        {
            var (h, l) = HeadHash(file.Handle, file.HeadLength);
            var kind = l == file.HeadLength && string.Equals(h, file.HeadHash, StringComparison.Ordinal) ? RotationKinds.Truncate : RotationKinds.CopyTruncate;
            Restart(file, kind);
        }
        else if (file.HeadLength > 0)
        {
            // Catches a copytruncate after which the file at once grew past our offset.
            var (h, l) = HeadHash(file.Handle, file.HeadLength);
            if (l < file.HeadLength || !string.Equals(h, file.HeadHash, StringComparison.Ordinal))
            {
                Restart(file, RotationKinds.CopyTruncate);
            }
        }

        if (file.HeadLength < HeadBytes && size > file.HeadLength)
        {
            (file.HeadHash, file.HeadLength) = HeadHash(file.Handle, HeadBytes);
            _dirty = true;
        }

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

        file.LastSize = size;
        if (offset != file.Offset || any)
        {
            file.Offset = offset;
            Persist(file);
        }

        return any;
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

    private static (string Hash, int Length) HeadHash(Microsoft.Win32.SafeHandles.SafeFileHandle handle, int length)
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
    private static (long Offset, bool Discarding) StartOfLastLine(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long size, int maxLine)
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
