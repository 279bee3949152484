namespace CredWatch.Exporter.AlertMapping.Status;

/// <summary>A bot account: its id, where its token came from and its Bot API root — never the token.</summary>
internal sealed record BotAccountView(string Id, string TokenSource, string ApiRoot);
