namespace CredWatch.TestSupport.Telegram;

/// <summary>One request the loopback Bot API server received, and how it answered.</summary>
public sealed record BotApiRequest(
    DateTimeOffset ReceivedAt,
    string Method,
    string Token,
    string? ChatId,
    int? MessageThreadId,
    string? Text,
    string? ParseMode,
    int StatusCode,
    string Body)
{
    public long? ChatIdNumber => long.TryParse(ChatId, out var v) ? v : null;
}
