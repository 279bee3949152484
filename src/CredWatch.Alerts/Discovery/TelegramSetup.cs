using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Discovery;

/// <summary>The discovered bots and default targets, plus human-readable reasons for anything missing.</summary>
public sealed class TelegramSetup
{
    public required IReadOnlyDictionary<string, BotAccount> Accounts { get; init; }

    public required IReadOnlyList<DeliveryTarget> DefaultTargets { get; init; }

    /// <summary>Id of the account used when a route names none.</summary>
    public string? DefaultAccountId { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }

    public string? ConfigPath { get; init; }

    /// <summary>The account id outbox targets use for the command bot (never an OpenClaw account id: it has a colon).</summary>
    public const string CommandBotAccountId = "credwatch:command-bot";

    /// <summary>CredWatch's own bot (<c>Telegram:CommandBot</c>), when configured and usable.</summary>
    public BotAccount? CommandBot { get; init; }

    /// <summary>Why the configured command bot must not run (its token is the gateway's): the daemon refuses to start.</summary>
    public string? CommandBotRefusal { get; init; }

    /// <summary>Telegram user ids allowed to press and command: <c>Telegram:CommandBot:AllowFrom</c>, else the gateway's allowFrom.</summary>
    public IReadOnlySet<long> CommandUsers { get; init; } = new HashSet<long>();

    public bool CanSend => DefaultTargets.Count > 0 && Accounts.Count > 0;

    public static TelegramSetup Empty(params string[] notes) =>
        new() { Accounts = new Dictionary<string, BotAccount>(), DefaultTargets = [], Notes = notes };

    /// <summary>
    /// Where an alert goes: the route's chat, else the chat and topic its requester session key names, else the
    /// default targets; the route's account when it is known, else the default account.
    /// </summary>
    internal IReadOnlyList<DeliveryTarget> Targets(AlertRoute route)
    {
        var account = route.AccountId is { } a && Accounts.ContainsKey(a) ? a : DefaultAccountId;
        if (account is not null)
        {
            if (route.ChatId is { } chat)
            {
                return [DeliveryTarget.Create(account, chat, route.ThreadId)];
            }

            if (SessionKeyRoute.TryParse(route.RequesterSessionKey, out var keyAccount, out var keyChat, out var keyThread))
            {
                var acct = keyAccount is not null && Accounts.ContainsKey(keyAccount) ? keyAccount : account;
                return [DeliveryTarget.Create(acct, keyChat, keyThread)];
            }
        }

        return DefaultTargets;
    }
}
