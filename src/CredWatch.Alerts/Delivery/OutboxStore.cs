using System.Text.Json;
using CredWatch.State;

namespace CredWatch.Alerts.Delivery;

/// <summary>
/// The outbox file <c>&lt;state&gt;/alerts/outbox.json</c>: read once at start, rewritten through the state-file
/// writer after every change. A corrupt file is set aside, an unreadable one kept and never written over.
/// </summary>
internal sealed class OutboxStore(string stateDir, StateFileReporter? reporter = null, TimeProvider? time = null)
{
    public const string Label = "alerts/outbox.json";

    private readonly PersistedFile _file = new(Path.Combine(stateDir, "alerts", "outbox.json"), Label, reporter, time);

    public string FilePath => _file.Path;

    /// <summary>The file at start could not be read: nothing is saved over it.</summary>
    public bool Blocked => _file.Blocked;

    /// <summary>Loads the state; on a bad file returns empty state and the reason.</summary>
    public OutboxState Load(out string? problem)
    {
        problem = null;
        if (_file.Load() is not { } bytes)
        {
            problem = _file.Problem;
            return new OutboxState();
        }

        try
        {
            var state = JsonSerializer.Deserialize(bytes, AlertsJsonContext.Default.OutboxState) ?? throw new JsonException("null document");
            state.Pending ??= [];
            state.Messages ??= [];
            state.Seen ??= [];
            state.Firing ??= [];
            return state;
        }
        catch (JsonException)
        {
            problem = "invalid_json";
            _file.Reject(StateFileReasons.InvalidContent);
            return new OutboxState();
        }
    }

    /// <summary>False when the state could not be written (reported by the writer) or the file is kept blocked.</summary>
    public bool Save(OutboxState state) => _file.TrySave(JsonSerializer.SerializeToUtf8Bytes(state, AlertsJsonContext.Default.OutboxState));
}
