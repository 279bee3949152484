namespace CredWatch.Alerts;

/// <summary>One bot account of OpenClaw's Telegram channel (channel settings overlaid with the account's). <see cref="Token"/> is a secret.</summary>
/// <param name="Id">Account id (<c>default</c> for the channel-level bot).</param>
/// <param name="Token">The bot token.</param>
/// <param name="TokenSource">Where it came from, for reports (<c>tokenFile</c>, <c>env X</c>, …).</param>
/// <param name="ApiRoot">Bot API root as written (<c>apiRoot</c>), or null.</param>
/// <param name="DefaultTo">The chat it delivers to (<c>defaultTo</c>), or null.</param>
/// <param name="AllowFrom">Allowed users (<c>allowFrom</c>), as written.</param>
/// <param name="Groups">Configured group ids (<c>groups</c> keys, without <c>*</c>).</param>
public sealed record OpenClawTelegramAccount(
    string Id, string Token, string TokenSource, string? ApiRoot, string? DefaultTo, IReadOnlyList<string> AllowFrom, IReadOnlyList<string> Groups)
{
    public override string ToString() => $"account {Id} (token from {TokenSource})";
}
