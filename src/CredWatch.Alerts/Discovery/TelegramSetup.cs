namespace CredWatch.Alerts;

/// <summary>The discovered bots and default targets, plus human-readable reasons for anything missing.</summary>
public sealed class TelegramSetup
{
    public required IReadOnlyDictionary<string, BotAccount> Accounts { get; init; }

    public required IReadOnlyList<DeliveryTarget> DefaultTargets { get; init; }

    /// <summary>Id of the account used when a route names none.</summary>
    public string? DefaultAccountId { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }

    public string? ConfigPath { get; init; }

    public bool CanSend => DefaultTargets.Count > 0 && Accounts.Count > 0;

    public static TelegramSetup Empty(params string[] notes) =>
        new() { Accounts = new Dictionary<string, BotAccount>(), DefaultTargets = [], Notes = notes };
}
