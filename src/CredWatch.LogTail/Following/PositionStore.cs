using System.Text.Json;
using CredWatch.State;

namespace CredWatch.LogTail.Following;

/// <summary>
/// Positions in <c>&lt;state-dir&gt;/logtail-positions.json</c>, through the state-file writer: a crash leaves the old
/// or the new document, never a torn one. A corrupt document is set aside (<c>.corrupt-&lt;time&gt;</c>) and reading
/// starts as on a first start; an unreadable one is kept and never written over.
/// </summary>
internal sealed class PositionStore(string stateDir, StateFileReporter? reporter = null, TimeProvider? time = null)
{
    public const string FileName = "logtail-positions.json";

    private readonly PersistedFile _file = new(Path.Combine(stateDir, FileName), FileName, reporter, time);

    public string FilePath => _file.Path;

    /// <summary>After <see cref="Load"/>: a usable positions document existed (CredWatch ran here before).</summary>
    public bool Existed { get; private set; }

    /// <summary>Loads the document; <paramref name="problem"/> says why it was ignored, if it was.</summary>
    public PositionFile Load(out string? problem)
    {
        problem = null;
        Existed = false;
        if (_file.Load() is not { } bytes)
        {
            problem = _file.Problem;
            return new PositionFile();
        }

        try
        {
            var doc = JsonSerializer.Deserialize(bytes, PositionJsonContext.Default.PositionFile) ?? new PositionFile();
            Existed = true;
            return doc;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            problem = "invalid_json";
            _file.Reject(StateFileReasons.InvalidContent);
            return new PositionFile();
        }
    }

    /// <summary>Saves the document; throws the write's error (already counted) so the caller keeps it dirty.</summary>
    public void Save(PositionFile doc)
    {
        if (!_file.TrySave(JsonSerializer.SerializeToUtf8Bytes(doc, PositionJsonContext.Default.PositionFile), out var error) && error is not null)
        {
            throw error;
        }
    }
}
