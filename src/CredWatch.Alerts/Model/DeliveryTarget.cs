namespace CredWatch.Alerts.Model;

/// <summary>One chat (and forum topic) reached through one bot account. Never holds the token.</summary>
public sealed record DeliveryTarget(string AccountId, long ChatId, int? ThreadId)
{
    /// <summary>Topic 1 is the General topic: Telegram rejects message_thread_id=1 for sends.</summary>
    public static DeliveryTarget Create(string accountId, long chatId, int? threadId) =>
        new(accountId, chatId, threadId is null or 1 or <= 0 ? null : threadId);

    public string Key => ThreadId is { } t ? $"{AccountId}/{ChatId}/{t}" : $"{AccountId}/{ChatId}";

    /// <summary>For logs: chat ids are not secrets, tokens are never here.</summary>
    public override string ToString() => ThreadId is { } t ? $"chat {ChatId} topic {t} (account {AccountId})" : $"chat {ChatId} (account {AccountId})";
}
