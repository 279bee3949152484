using System.Text.Json;
using CredWatch.State;

namespace CredWatch.Exporter.Tasks;

/// <summary>
/// The task ids CredWatch has already counted and alerted, kept in its state dir so a restart neither
/// counts nor alerts the same lost result twice. Written through the state-file writer: a torn or foreign
/// file is set aside (never overwritten in place) and CredWatch starts afresh; an unreadable one is kept.
/// </summary>
internal sealed class CountedTaskStore
{
    public const string FileName = "task-ledger.json";

    private readonly PersistedFile _file;
    private CountedTaskFile _data = new();
    private bool _dirty;

    public CountedTaskStore(string stateDir, StateFileReporter? reporter = null, TimeProvider? time = null)
    {
        _file = new PersistedFile(System.IO.Path.Combine(stateDir, FileName), FileName, reporter, time);
    }

    public string Path => _file.Path;

    /// <summary>Set by <see cref="Load"/> when the file could not be used: a reason for the log.</summary>
    public string? LoadProblem { get; private set; }

    public IReadOnlyDictionary<string, CountedTaskEntry> Entries => _data.Tasks;

    public void Load()
    {
        LoadProblem = null;
        _data = new CountedTaskFile();
        if (_file.Load() is not { } bytes)
        {
            LoadProblem = _file.Problem;
            return;
        }

        try
        {
            var data = JsonSerializer.Deserialize(bytes, TaskJsonContext.Default.CountedTaskFile);
            if (data is null || data.Version != 1)
            {
                throw new InvalidDataException("schema_unknown");
            }

            _data = new CountedTaskFile { Tasks = new Dictionary<string, CountedTaskEntry>(data.Tasks, StringComparer.Ordinal) };
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException)
        {
            LoadProblem = ex is InvalidDataException ? ex.Message : "invalid_json";
            _file.Reject(StateFileReasons.InvalidContent);
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
    /// Writes a snapshot through the state-file writer. Callers keep writes in snapshot order. On failure (reported
    /// by the writer) the store is marked dirty again, so the next pass writes a fresh snapshot.
    /// </summary>
    public bool Write(byte[] bytes)
    {
        if (_file.TrySave(bytes))
        {
            return true;
        }

        Volatile.Write(ref _dirty, true);
        return false;
    }
}
