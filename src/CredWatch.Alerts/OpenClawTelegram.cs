namespace CredWatch.Alerts;

/// <summary>
/// Telegram as OpenClaw's own config sets it up (<c>channels.telegram</c>), read by the host: this library never
/// reads OpenClaw's files. CredWatch's explicit <see cref="TelegramOptions"/> are layered on top.
/// </summary>
/// <param name="ConfigPath">The config file it came from (null: no OpenClaw config known).</param>
/// <param name="HasChannel">The config has a <c>channels.telegram</c> section (Telegram was meant to work).</param>
/// <param name="Accounts">Enabled accounts with a usable token.</param>
/// <param name="Notes">Why anything configured is not usable (no secrets).</param>
public sealed record OpenClawTelegram(string? ConfigPath, bool HasChannel, IReadOnlyList<OpenClawTelegramAccount> Accounts, IReadOnlyList<string> Notes)
{
    public static OpenClawTelegram None { get; } = new(null, false, [], []);
}
