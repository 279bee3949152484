using CredWatch.Alerts;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Tasks;
using CredWatch.Alerts.Commands;

namespace CredWatch.Exporter.Hosting;

/// <summary>
/// What the command bot runs: <c>/status</c> is <c>credwatch check</c>'s summary of the daemon's latest scan (no scan
/// of its own); <c>/retry</c> and the button go through the ledger monitor to the same retry path as automatic retry.
/// </summary>
internal sealed class ChatCommandHandler(IServiceProvider services, StoreRegistry registry, TaskLedgerMonitor ledger) : ICommandBotHandler
{
    public async Task<CommandBotReply> StatusAsync(CancellationToken cancellationToken)
    {
        var lines = await CheckReport.LinesAsync(services, registry.Current, cancellationToken);
        return new CommandBotReply(CommandBotOutcomes.Ok, CheckReport.Table(CheckSeverities.Worst(lines.Select(l => l.Severity)), lines));
    }

    public async Task<CommandBotReply> RetryAsync(string taskId, CancellationToken cancellationToken)
    {
        var (outcome, text) = await ledger.RetryOnRequestAsync(taskId, cancellationToken);
        return outcome switch
        {
            TaskRetryOutcomes.Ok => new(CommandBotOutcomes.Ok, $"OpenClaw accepted the retry of task {taskId} (`openclaw tasks retry {taskId}`): a new delivery window started. The follow-up here says when the result arrives."),
            TaskRetryOutcomes.Refused => new(CommandBotOutcomes.Refused, $"OpenClaw refused the retry of task {taskId}: {text}"),
            "login_dead" => new(CommandBotOutcomes.LoginDead, $"Not retried: {text}"),
            "unknown" => new(CommandBotOutcomes.UnknownTask, $"Not retried: {text}"),
            "unavailable" => new(CommandBotOutcomes.Unavailable, $"Not retried: {text}"),
            "not_subagent" => new(CommandBotOutcomes.Refused, $"Not retried: {text}"),
            "held_back" => new(CommandBotOutcomes.Failed, $"Not retried now: {text}"),
            _ => new(CommandBotOutcomes.Failed, $"The retry of task {taskId} did not reach OpenClaw ({outcome}{(text.Length > 0 ? ": " + text : string.Empty)}); try again in a minute."),
        };
    }
}
