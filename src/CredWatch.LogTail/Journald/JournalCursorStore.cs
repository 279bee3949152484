using System.Text;
using CredWatch.State;

namespace CredWatch.LogTail.Journald;

/// <summary>The journald cursor in <c>&lt;state-dir&gt;/logtail-journal.cursor</c>, through the state-file writer like the positions.</summary>
internal sealed class JournalCursorStore(string stateDir, StateFileReporter? reporter = null, TimeProvider? time = null)
{
    public const string FileName = "logtail-journal.cursor";

    private readonly PersistedFile _file = new(Path.Combine(stateDir, FileName), FileName, reporter, time);

    public string FilePath => _file.Path;

    public string? Load()
    {
        if (_file.Load(4096) is not { } bytes)
        {
            return null;
        }

        var s = Encoding.UTF8.GetString(bytes).Trim();
        if (s.Length == 0)
        {
            _file.Reject(StateFileReasons.InvalidContent);
            return null;
        }

        return s;
    }

    /// <summary>Saves the cursor; throws the write's error (already counted).</summary>
    public void Save(string cursor)
    {
        if (!_file.TrySave(Encoding.UTF8.GetBytes(cursor), out var error) && error is not null)
        {
            throw error;
        }
    }
}
