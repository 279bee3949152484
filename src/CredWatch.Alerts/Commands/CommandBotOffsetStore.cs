using System.Globalization;
using System.Text;
using CredWatch.State;

namespace CredWatch.Alerts.Commands;

/// <summary>
/// <c>&lt;state&gt;/alerts/command-bot-offset</c>: the next getUpdates offset, saved before an update is acted on,
/// so a restart never runs a command twice (at most once: a crash mid-command loses that command, never repeats it).
/// </summary>
internal sealed class CommandBotOffsetStore(string stateDir, StateFileReporter? reporter = null, TimeProvider? time = null)
{
    public const string Label = "alerts/command-bot-offset";

    private readonly PersistedFile _file = new(Path.Combine(stateDir, "alerts", "command-bot-offset"), Label, reporter, time);

    public long Load()
    {
        if (_file.Load(64) is not { } bytes)
        {
            return 0;
        }

        if (long.TryParse(Encoding.ASCII.GetString(bytes).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return offset;
        }

        _file.Reject(StateFileReasons.InvalidContent);
        return 0;
    }

    public bool Save(long offset) => _file.TrySave(Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture) + "\n"));
}
