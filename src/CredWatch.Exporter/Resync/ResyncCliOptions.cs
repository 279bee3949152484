using System.CommandLine;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// Resync's command-line flags, kept here so the wiring's own options cannot collide: <c>--resync</c> (daemon only)
/// and <c>--resync-mode source-wins|newest-wins</c>. The run verb adds them with <see cref="AddTo"/> and merges
/// <see cref="ToConfiguration"/> into its overrides; they map to <c>CredWatch:Resync:Enabled</c> / <c>:Mode</c>.
/// </summary>
internal sealed class ResyncCliOptions
{
    public Option<bool> Resync { get; } = new("--resync") { Description = "Repair stale credential copies as soon as they appear (off by default; CredWatch:Resync:Enabled)" };

    public Option<string?> Mode { get; } = new("--resync-mode")
    {
        Description = "source-wins (default: the CLI store is the truth) or newest-wins (the newest copy of a lineage is propagated)",
        HelpName = "MODE",
    };

    public ResyncCliOptions() => Mode.AcceptOnlyFromAmong("source-wins", "newest-wins");

    /// <summary>Adds both flags (the daemon's run verb).</summary>
    public void AddTo(Command command)
    {
        command.Add(Resync);
        AddModeTo(command);
    }

    /// <summary>Adds only <c>--resync-mode</c> (sync always repairs).</summary>
    public void AddModeTo(Command command) => command.Add(Mode);

    public Dictionary<string, string?> ToConfiguration(ParseResult parse)
    {
        var map = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (parse.GetResult(Resync) is not null && parse.GetValue(Resync))
        {
            map[ResyncOptions.Section + ":Enabled"] = "true";
        }

        switch (parse.GetResult(Mode) is null ? null : parse.GetValue(Mode))
        {
            case "newest-wins":
                map[ResyncOptions.Section + ":Mode"] = nameof(ResyncMode.NewestWins);
                break;
            case "source-wins":
                map[ResyncOptions.Section + ":Mode"] = nameof(ResyncMode.SourceWins);
                break;
            default:
                break;
        }

        return map;
    }
}
