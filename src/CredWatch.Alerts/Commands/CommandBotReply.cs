namespace CredWatch.Alerts.Commands;

/// <summary>The answer to one command: a bounded outcome label (<see cref="CommandBotOutcomes"/>) and plain text.</summary>
public sealed record CommandBotReply(string Outcome, string Text);
