namespace CredWatch.Alerts.Discovery;

/// <summary>A bot identity able to send. <see cref="Token"/> is a secret: never logged, never in ToString.</summary>
public sealed class BotAccount(string id, string token, Uri? apiBase, string tokenSource)
{
    public string Id { get; } = id;

    internal string Token { get; } = token;

    /// <summary>Bot API root; null = api.telegram.org.</summary>
    public Uri? ApiBase { get; } = apiBase;

    /// <summary>Where the token came from, for reports (e.g. "tokenFile", "env TELEGRAM_BOT_TOKEN").</summary>
    public string TokenSource { get; } = tokenSource;

    public override string ToString() => $"account {Id} (token from {TokenSource}, api {ApiBase?.GetLeftPart(UriPartial.Authority) ?? "default"})";
}
