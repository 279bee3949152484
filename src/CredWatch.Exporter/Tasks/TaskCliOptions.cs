using System.CommandLine;

namespace CredWatch.Exporter.Tasks;

/// <summary>The daemon's <c>--tasks.auto-retry</c> flag, mapped to <c>CredWatch:Tasks:AutoRetry</c>.</summary>
internal sealed class TaskCliOptions
{
    public Option<bool> AutoRetry { get; } = new("--tasks.auto-retry")
    {
        Description = "Run `openclaw tasks retry <id>` for a blocked task result once the login it failed on is live again (off by default; CredWatch:Tasks:AutoRetry)",
    };

    public void AddTo(Command command) => command.Add(AutoRetry);

    public void AddConfiguration(ParseResult parse, IDictionary<string, string?> map)
    {
        if (parse.GetResult(AutoRetry) is not null && parse.GetValue(AutoRetry))
        {
            map[TaskLedgerOptions.Section + ":AutoRetry"] = "true";
        }
    }
}
