namespace CredWatch.Alerts;

/// <summary>
/// <c>CredWatch:Telegram:CommandBot</c>: a bot of CredWatch's own that answers <c>/status</c> and <c>/retry</c> and
/// carries the "Retry delivery" button. It polls for updates, so it must never be the gateway's bot.
/// </summary>
public sealed class CommandBotOptions
{
    /// <summary>The command bot's token (prefer <see cref="TokenFile"/>: a file keeps it out of process listings).</summary>
    public string? Token { get; set; }

    /// <summary>File holding the command bot's token.</summary>
    public string? TokenFile { get; set; }

    /// <summary>Telegram user ids allowed to command, comma separated; default: the gateway's own <c>allowFrom</c>.</summary>
    public string? AllowFrom { get; set; }

    /// <summary>Long-poll timeout of one getUpdates call.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => !string.IsNullOrWhiteSpace(Token) || !string.IsNullOrWhiteSpace(TokenFile);
}
