using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using CredWatch.Alerts.Discovery;
using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Delivery;

/// <summary>
/// Sends through the real Telegram.Bot client, one client per bot account, sharing one HttpClient that
/// is not created by IHttpClientFactory (so no HttpClient logging handler ever sees the token-bearing
/// URI). Telegram.Bot's own 429 retry is off: the outbox honours retry_after itself.
/// With the gateway's bots only sendMessage is ever called: never getUpdates, never setWebhook (they would break the
/// gateway). The command bot (CredWatch's own) is the only one polled, by <see cref="CommandBotService"/>.
/// </summary>
internal sealed class TelegramSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly ConcurrentDictionary<string, TelegramBotClient> _clients = new(StringComparer.Ordinal);

    public TelegramSender(TelegramSetup setup, TimeProvider time, TimeSpan timeout)
    {
        Setup = setup;
        this._time = time;
        this._timeout = timeout;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(15) })
        {
            // Deadlines come from TimeProvider-driven cancellation below.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public TelegramSetup Setup { get; }

    public async Task<SendOutcome> SendAsync(DeliveryTarget target, string html, CancellationToken ct, IReadOnlyList<AlertAction>? buttons = null)
    {
        BotAccount? account;
        if (target.AccountId == TelegramSetup.CommandBotAccountId)
        {
            account = Setup.CommandBot;
        }
        else if (!Setup.Accounts.TryGetValue(target.AccountId, out account) && Setup.DefaultAccountId is not null)
        {
            Setup.Accounts.TryGetValue(Setup.DefaultAccountId, out account);
        }

        if (account is null)
        {
            return new SendOutcome(false, "no_target", true, null, "no bot account for this target");
        }

        if (Client(account) is not { } client)
        {
            return new SendOutcome(false, "unauthorized", true, null, "bot token has an invalid format");
        }

        using var cts = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, cts.Token);
        try
        {
            var markup = buttons is { Count: > 0 }
                ? new InlineKeyboardMarkup(buttons.Select(b => new[] { InlineKeyboardButton.WithCallbackData(b.Label, b.Data) }))
                : null;
            await client.SendMessage(target.ChatId, html, parseMode: ParseMode.Html, replyMarkup: markup, messageThreadId: target.ThreadId, cancellationToken: linked.Token);
            return SendOutcome.Ok;
        }
        catch (ApiRequestException ex)
        {
            return Classify(ex, account.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendOutcome(false, "timeout", false, null, $"no answer within {_timeout.TotalSeconds:0.#}s");
        }
        catch (RequestException ex)
        {
            return new SendOutcome(false, ex.InnerException is TaskCanceledException && !ct.IsCancellationRequested ? "timeout" : "network", false, null, ErrorText.Describe(ex, account.Token));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException)
        {
            return new SendOutcome(false, "network", false, null, ErrorText.Describe(ex, account.Token));
        }
    }

    /// <summary>The one client of <paramref name="account"/>; null when Telegram.Bot rejects the token's shape.</summary>
    internal TelegramBotClient? Client(BotAccount account)
    {
        try
        {
            return _clients.GetOrAdd(account.Id, _ =>
                new TelegramBotClient(new TelegramBotClientOptions(account.Token, account.ApiBase?.ToString()) { RetryCount = 0 }, _http));
        }
        catch (ArgumentException)
        {
            // Telegram.Bot validates the token's shape in the constructor; its message could quote it.
            return null;
        }
    }

    internal static SendOutcome Classify(ApiRequestException ex, string token)
    {
        var detail = ErrorText.Describe(ex, token);
        return ex.ErrorCode switch
        {
            429 => new SendOutcome(false, "rate_limited", false, TimeSpan.FromSeconds(Math.Max(0, ex.Parameters?.RetryAfter ?? 1)), detail),
            >= 500 => new SendOutcome(false, "server_error", false, null, detail),
            (int)HttpStatusCode.Unauthorized => new SendOutcome(false, "unauthorized", true, null, detail),
            (int)HttpStatusCode.Forbidden => new SendOutcome(false, "forbidden", true, null, detail),
            (int)HttpStatusCode.NotFound => new SendOutcome(false, "not_found", true, null, detail),
            >= 400 and < 500 => new SendOutcome(false, "bad_request", true, null, detail),
            _ => new SendOutcome(false, "server_error", false, null, detail),
        };
    }

    public void Dispose() => _http.Dispose();
}
