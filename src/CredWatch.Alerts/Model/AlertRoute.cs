namespace CredWatch.Alerts.Model;

/// <summary>
/// Where an alert should go. Null fields mean "the default targets". A requester session key
/// (e.g. <c>agent:main:telegram:group:-100123:topic:42</c>) is parsed by the router; an explicit
/// chat wins over the key.
/// </summary>
public sealed record AlertRoute
{
    public long? ChatId { get; init; }

    public int? ThreadId { get; init; }

    /// <summary>OpenClaw Telegram account id whose bot should send; null = the default account.</summary>
    public string? AccountId { get; init; }

    public string? RequesterSessionKey { get; init; }

    public static AlertRoute Default { get; } = new();

    public static AlertRoute ToChat(long chatId, int? threadId = null, string? accountId = null) =>
        new() { ChatId = chatId, ThreadId = threadId, AccountId = accountId };

    public static AlertRoute ToSession(string requesterSessionKey) =>
        new() { RequesterSessionKey = requesterSessionKey };
}
