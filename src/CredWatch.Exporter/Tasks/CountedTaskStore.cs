using System.Text.Json;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// The task ids CredWatch has already counted and alerted, kept in its state dir so a restart neither
/// counts nor alerts the same lost result twice. Written atomically (temp → fsync → rename). A torn or
/// foreign file is moved aside (never overwritten in place) and CredWatch starts afresh.
/// </summary>
internal sealed class CountedTaskStore
{
    public const string FileName = "task-ledger.json";

    private readonly string _path;
    private CountedTaskFile _data = new();
    private bool _dirty;

    public CountedTaskStore(string stateDir)
    {
        _path = System.IO.Path.Combine(stateDir, FileName);
    }

    public string Path => _path;

    /// <summary>Set by <see cref="Load"/> when the file could not be used: a reason for the log.</summary>
    public string? LoadProblem { get; private set; }

    public IReadOnlyDictionary<string, CountedTaskEntry> Entries => _data.Tasks;

    public void Load()
    {
        LoadProblem = null;
        if (!File.Exists(_path))
        {
            _data = new CountedTaskFile();
            return;
        }

        try
        {
            var info = new FileInfo(_path);
            if (info.Length > 64L * 1024 * 1024)
            {
                throw new InvalidDataException("too_large");
            }

            using var stream = File.OpenRead(_path);
            var data = JsonSerializer.Deserialize(stream, TaskJsonContext.Default.CountedTaskFile);
            if (data is null || data.Version != 1)
            {
                throw new InvalidDataException("schema_unknown");
            }

            _data = new CountedTaskFile { Tasks = new Dictionary<string, CountedTaskEntry>(data.Tasks, StringComparer.Ordinal) };
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            LoadProblem = ex is JsonException ? "invalid_json" : ex is InvalidDataException ? ex.Message : "read_failed";
            _data = new CountedTaskFile();
            TryMoveAside();
        }
    }

    public CountedTaskEntry GetOrAdd(string taskId, string runtime)
    {
        if (!_data.Tasks.TryGetValue(taskId, out var e))
        {
            e = new CountedTaskEntry { Runtime = runtime };
            _data.Tasks[taskId] = e;
            Volatile.Write(ref _dirty, true);
        }

        return e;
    }

    public CountedTaskEntry? Get(string taskId) => _data.Tasks.GetValueOrDefault(taskId);

    public void MarkDirty() => Volatile.Write(ref _dirty, true);

    public void Remove(string taskId)
    {
        if (_data.Tasks.Remove(taskId))
        {
            Volatile.Write(ref _dirty, true);
        }
    }

    /// <summary>Writes the file if anything changed. Returns false (and keeps the change pending) on IO failure.</summary>
    public bool SaveIfDirty() => TakeSnapshotIfDirty() is not { } bytes || Write(bytes);

    /// <summary>
    /// The file's bytes when anything changed since the last snapshot (null otherwise), taken on the
    /// pass's thread so <see cref="Write"/> can run elsewhere while the next pass mutates the entries.
    /// </summary>
    public byte[]? TakeSnapshotIfDirty()
    {
        if (!Volatile.Read(ref _dirty))
        {
            return null;
        }

        Volatile.Write(ref _dirty, false);
        return JsonSerializer.SerializeToUtf8Bytes(_data, TaskJsonContext.Default.CountedTaskFile);
    }

    /// <summary>
    /// Writes a snapshot atomically (temp → fsync → rename). Callers keep writes in snapshot order. On
    /// IO failure the store is marked dirty again, so the next pass writes a fresh snapshot.
    /// </summary>
    public bool Write(byte[] bytes)
    {
        var dir = System.IO.Path.GetDirectoryName(_path)!;
        var tmp = _path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            Directory.CreateDirectory(dir);
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(tmp, _path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Volatile.Write(ref _dirty, true);
            try
            {
                File.Delete(tmp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the next save writes a fresh temp file.
            }

            return false;
        }
    }

    private void TryMoveAside()
    {
        try
        {
            File.Move(_path, _path + ".bad-" + Guid.NewGuid().ToString("N")[..8], overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left in place; the next successful save replaces it atomically.
        }
    }
}
