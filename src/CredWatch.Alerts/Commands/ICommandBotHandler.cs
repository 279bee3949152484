namespace CredWatch.Alerts.Commands;

/// <summary>
/// What the command bot runs for an allowed user (registered by the host; without one it answers "not available").
/// Replies are plain text; <see cref="CommandBotReply.Outcome"/> is one of <see cref="CommandBotOutcomes"/>.
/// </summary>
public interface ICommandBotHandler
{
    /// <summary><c>/status</c>: the check summary.</summary>
    Task<CommandBotReply> StatusAsync(CancellationToken cancellationToken);

    /// <summary><c>/retry &lt;task id&gt;</c> and the "Retry delivery" button.</summary>
    Task<CommandBotReply> RetryAsync(string taskId, CancellationToken cancellationToken);
}
