using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CredWatch.TestSupport.Telegram;

/// <summary>
/// A loopback Telegram Bot API server for tests (Kestrel on 127.0.0.1, port 0). Answers like the Bot
/// API (<c>{"ok":true,"result":…}</c>, <c>date</c> in Unix seconds, increasing message ids), records every
/// request, can be scripted to fail (429 retry_after, 5xx, 400, slow, connection reset), and serves what
/// a real OpenClaw gateway calls at start (getMe, deleteWebhook, setMyCommands, deleteMyCommands) plus
/// long-polled getUpdates (user messages and inline-button presses, <see cref="InjectUserMessage"/> and
/// <see cref="InjectButtonPress"/>) and answerCallbackQuery: a second concurrent getUpdates for the same token is answered
/// 409 (and counted), as Telegram does. Inline keyboards sent with a message are kept in the request's
/// <see cref="BotApiRequest.Body"/> (<see cref="BotApiRequest.CallbackData"/> lists their callback data). Point OpenClaw's <c>channels.telegram.apiRoot</c> or CredWatch's
/// <c>--telegram.api-url</c> at <see cref="BaseUrl"/>.
/// </summary>
public sealed class BotApiTestServer : IAsyncDisposable
{
    private static readonly string[] TrivialMethods =
    [
        "deleteWebhook", "setMyCommands", "deleteMyCommands", "setMyDescription", "setMyShortDescription",
        "sendChatAction", "setMessageReaction", "answerCallbackQuery", "setChatMenuButton", "setMyName",
    ];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<BotApiRequest> _requests = new();
    private int _arrivals;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<BotApiFault>> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PollState> _polls = new(StringComparer.Ordinal);
    private long _nextMessageId = 1000;
    private int _conflicts;
    private int _webhookCalls;

    private BotApiTestServer(WebApplication app)
    {
        this._app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>If set, any other token gets 401 Unauthorized.</summary>
    public ISet<string>? AcceptedTokens { get; set; }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<BotApiRequest> Requests => [.. _requests];

    /// <summary>Requests that have reached the server, counted before any fault delays the answer.</summary>
    public int Arrivals => Volatile.Read(ref _arrivals);

    /// <summary>sendMessage requests that were answered 200.</summary>
    public IReadOnlyList<BotApiRequest> DeliveredMessages =>
        [.. _requests.Where(r => r.Method == "sendMessage" && r.StatusCode == 200)];

    /// <summary>How many getUpdates were refused with 409 because another poll for the token was running.</summary>
    public int GetUpdatesConflicts => Volatile.Read(ref _conflicts);

    /// <summary>setWebhook calls (a sender must never make one with the gateway's token).</summary>
    public int SetWebhookCalls => Volatile.Read(ref _webhookCalls);

    public static async Task<BotApiTestServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var server = new BotApiTestServer(app);
        // Parsed by hand: route templates do not match a "bot<id>:<secret>" segment reliably.
        app.Run(ctx =>
        {
            var path = ctx.Request.Path.Value ?? string.Empty;
            var slash = path.IndexOf('/', 1);
            if (path.StartsWith("/bot", StringComparison.Ordinal) && slash > 4 && slash < path.Length - 1)
            {
                return server.HandleAsync(ctx, Uri.UnescapeDataString(path[4..slash]), path[(slash + 1)..]);
            }

            ctx.Response.StatusCode = 404;
            return ctx.Response.WriteAsync("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
        });
        await app.StartAsync(cancellationToken);
        var address = app.Urls.First();
        server.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Scripts the next request of <paramref name="method"/> to misbehave (faults queue, one per request).</summary>
    public void EnqueueFault(BotApiFault fault, string method = "sendMessage") =>
        _faults.GetOrAdd(method, _ => new ConcurrentQueue<BotApiFault>()).Enqueue(fault);

    /// <summary>Whether a getUpdates long poll for the token is in progress right now.</summary>
    public bool IsPolling(string token)
    {
        if (!_polls.TryGetValue(token, out var poll))
        {
            return false;
        }

        lock (poll)
        {
            return poll.Active;
        }
    }

    /// <summary>Drops every scripted fault not yet used.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>Faults still queued for <paramref name="method"/>: one fewer as soon as a request has taken one.</summary>
    public int FaultsLeft(string method = "sendMessage") => _faults.TryGetValue(method, out var queue) ? queue.Count : 0;

    /// <summary>Makes a user message arrive for the bot with <paramref name="token"/> (served by getUpdates). Returns the update id.</summary>
    public long InjectUserMessage(string token, long chatId, long userId, string text, int? threadId = null)
    {
        var poll = _polls.GetOrAdd(token, _ => new PollState());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        lock (poll)
        {
            var updateId = poll.NextUpdateId++;
            var message = new JsonObject
            {
                ["message_id"] = Interlocked.Increment(ref _nextMessageId),
                ["date"] = now,
                ["from"] = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Fixture", ["username"] = "fixture_user", ["language_code"] = "en" },
                ["chat"] = chatId < 0
                    ? new JsonObject { ["id"] = chatId, ["type"] = "supergroup", ["title"] = "Fixture group", ["is_forum"] = threadId is not null }
                    : new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = "Fixture", ["username"] = "fixture_user" },
                ["text"] = text,
            };
            if (threadId is { } t)
            {
                message["message_thread_id"] = t;
                message["is_topic_message"] = true;
            }

            poll.Updates.Add(new JsonObject { ["update_id"] = updateId, ["message"] = message });
            poll.Arrived.TrySetResult();
            poll.Arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return updateId;
        }
    }

    /// <summary>
    /// A user presses an inline button (callback data <paramref name="data"/>) under a message the bot with
    /// <paramref name="token"/> sent in <paramref name="chatId"/>/<paramref name="threadId"/>. Returns the update id.
    /// </summary>
    public long InjectButtonPress(string token, long chatId, long userId, string data, int? threadId = null)
    {
        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _nextMessageId),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["from"] = BotUser(token),
            ["chat"] = chatId < 0
                ? new JsonObject { ["id"] = chatId, ["type"] = "supergroup", ["title"] = "Fixture group", ["is_forum"] = threadId is not null }
                : new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = "Fixture" },
            ["text"] = "alert",
        };
        if (threadId is { } t)
        {
            message["message_thread_id"] = t;
            message["is_topic_message"] = true;
        }

        return AddUpdate(token, updateId => new JsonObject
        {
            ["update_id"] = updateId,
            ["callback_query"] = new JsonObject
            {
                ["id"] = "cq" + updateId.ToString(CultureInfo.InvariantCulture),
                ["from"] = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Fixture", ["username"] = "fixture_user" },
                ["message"] = message,
                ["chat_instance"] = "fixture-chat-instance",
                ["data"] = data,
            },
        });
    }

    private long AddUpdate(string token, Func<long, JsonObject> create)
    {
        var poll = _polls.GetOrAdd(token, _ => new PollState());
        lock (poll)
        {
            var updateId = poll.NextUpdateId++;
            poll.Updates.Add(create(updateId));
            poll.Arrived.TrySetResult();
            poll.Arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return updateId;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext ctx, string token, string method)
    {
        var arrived = DateTimeOffset.UtcNow;
        var body = await ReadBodyAsync(ctx);
        Interlocked.Increment(ref _arrivals);
        var fields = ParseFields(ctx, body);
        fields.TryGetValue("chat_id", out var chatId);
        fields.TryGetValue("text", out var text);
        fields.TryGetValue("parse_mode", out var parseMode);
        int? thread = fields.TryGetValue("message_thread_id", out var t) && int.TryParse(t, CultureInfo.InvariantCulture, out var ti) ? ti : null;

        // Recorded even when the client went away mid-answer, so every arrival is matched by a request.
        var status = 499;
        try
        {
            status = await AnswerAsync(ctx, token, method, fields, chatId, thread, text);
        }
        finally
        {
            _requests.Enqueue(new BotApiRequest(arrived, method, token, chatId, thread, text, parseMode, status, body));
        }
    }

    private async Task<int> AnswerAsync(HttpContext ctx, string token, string method, Dictionary<string, string> fields, string? chatId, int? thread, string? text)
    {
        if (AcceptedTokens is { } accepted && !accepted.Contains(token))
        {
            return await ErrorAsync(ctx, 401, "Unauthorized");
        }

        if (_faults.TryGetValue(method, out var queue) && queue.TryDequeue(out var fault))
        {
            switch (fault)
            {
                case BotApiFault.TooManyRequests tm:
                    await WriteAsync(ctx, 429, new JsonObject
                    {
                        ["ok"] = false,
                        ["error_code"] = 429,
                        ["description"] = $"Too Many Requests: retry after {tm.RetryAfterSeconds}",
                        ["parameters"] = new JsonObject { ["retry_after"] = tm.RetryAfterSeconds },
                    });
                    return 429;
                case BotApiFault.ServerError se:
                    return await ErrorAsync(ctx, se.StatusCode, "Internal Server Error");
                case BotApiFault.BadRequest br:
                    return await ErrorAsync(ctx, 400, br.Description);
                case BotApiFault.Slow slow:
                    try
                    {
                        await Task.Delay(slow.Delay, ctx.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        return 499;
                    }

                    break;
                case BotApiFault.ResetConnection:
                    ctx.Abort();
                    return 0;
            }
        }

        switch (method)
        {
            case "getMe":
                await OkAsync(ctx, BotUser(token));
                return 200;
            case "sendMessage":
                if (string.IsNullOrEmpty(chatId) || string.IsNullOrEmpty(text))
                {
                    return await ErrorAsync(ctx, 400, "Bad Request: message text is empty");
                }

                if (text.Length > 4096 && !fields.ContainsKey("parse_mode"))
                {
                    return await ErrorAsync(ctx, 400, "Bad Request: message is too long");
                }

                await OkAsync(ctx, Message(token, chatId, thread, text));
                return 200;
            case "getUpdates":
                return await GetUpdatesAsync(ctx, token, fields);
            case "setWebhook":
                Interlocked.Increment(ref _webhookCalls);
                await OkAsync(ctx, JsonValue.Create(true));
                return 200;
            case "getWebhookInfo":
                await OkAsync(ctx, new JsonObject { ["url"] = string.Empty, ["has_custom_certificate"] = false, ["pending_update_count"] = 0 });
                return 200;
            case "getMyCommands":
                await OkAsync(ctx, new JsonArray());
                return 200;
            default:
                if (TrivialMethods.Contains(method, StringComparer.Ordinal))
                {
                    await OkAsync(ctx, JsonValue.Create(true));
                    return 200;
                }

                return await ErrorAsync(ctx, 404, "Not Found: method not found");
        }
    }

    private async Task<int> GetUpdatesAsync(HttpContext ctx, string token, Dictionary<string, string> fields)
    {
        var poll = _polls.GetOrAdd(token, _ => new PollState());
        var offset = fields.TryGetValue("offset", out var o) && long.TryParse(o, CultureInfo.InvariantCulture, out var ov) ? ov : 0;
        var timeout = fields.TryGetValue("timeout", out var ts) && int.TryParse(ts, CultureInfo.InvariantCulture, out var tv) ? Math.Clamp(tv, 0, 50) : 0;
        var limit = fields.TryGetValue("limit", out var ls) && int.TryParse(ls, CultureInfo.InvariantCulture, out var lv) ? Math.Clamp(lv, 1, 100) : 100;
        bool conflict;
        lock (poll)
        {
            conflict = poll.Active;
            poll.Active = true;
        }

        if (conflict)
        {
            Interlocked.Increment(ref _conflicts);
            return await ErrorAsync(ctx, 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
        }

        try
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(timeout);
            while (true)
            {
                Task arrived;
                JsonArray batch;
                lock (poll)
                {
                    if (offset > 0)
                    {
                        // Telegram forgets updates below the offset: they are confirmed.
                        poll.Updates.RemoveAll(u => (long)u["update_id"]! < offset);
                    }

                    batch = [.. poll.Updates.Where(u => (long)u["update_id"]! >= offset).Take(limit).Select(u => u.DeepClone())];
                    arrived = poll.Arrived.Task;
                }

                var left = deadline - DateTimeOffset.UtcNow;
                if (batch.Count > 0 || left <= TimeSpan.Zero)
                {
                    await OkAsync(ctx, batch);
                    return 200;
                }

                try
                {
                    await arrived.WaitAsync(left, ctx.RequestAborted);
                }
                catch (TimeoutException)
                {
                    // Long poll ended empty; loop answers with [].
                }
                catch (OperationCanceledException)
                {
                    return 499;
                }
            }
        }
        finally
        {
            lock (poll)
            {
                poll.Active = false;
            }
        }
    }

    private JsonObject Message(string token, string chatId, int? thread, string text)
    {
        var id = long.TryParse(chatId, CultureInfo.InvariantCulture, out var c) ? c : 0;
        var msg = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _nextMessageId),
            ["from"] = BotUser(token),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = id < 0
                ? new JsonObject { ["id"] = id, ["type"] = "supergroup", ["title"] = "Fixture group" }
                : new JsonObject { ["id"] = id, ["type"] = "private", ["first_name"] = "Fixture" },
            ["text"] = text,
        };
        if (thread is { } t)
        {
            msg["message_thread_id"] = t;
            msg["is_topic_message"] = true;
        }

        return msg;
    }

    private static JsonObject BotUser(string token)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        var id = colon > 0 && long.TryParse(token.AsSpan(0, colon), CultureInfo.InvariantCulture, out var v) ? v : 1;
        return new JsonObject
        {
            ["id"] = id,
            ["is_bot"] = true,
            ["first_name"] = "Fixture Bot",
            ["username"] = "fixture_bot",
            ["can_join_groups"] = true,
            ["can_read_all_group_messages"] = false,
            ["supports_inline_queries"] = false,
        };
    }

    private static async Task<string> ReadBodyAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ctx.RequestAborted);
    }

    private static Dictionary<string, string> ParseFields(HttpContext ctx, string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in ctx.Request.Query)
        {
            fields[k] = v.ToString();
        }

        var contentType = ctx.Request.ContentType ?? string.Empty;
        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase) && body.Length > 0)
        {
            try
            {
                if (JsonNode.Parse(body) is JsonObject obj)
                {
                    foreach (var (k, v) in obj)
                    {
                        fields[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? string.Empty;
                    }
                }
            }
            catch (JsonException)
            {
                // Recorded as-is; the answer is decided by the method handler.
            }
        }
        else if (contentType.Contains("form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var k = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
                fields[k] = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }

        return fields;
    }

    private static Task OkAsync(HttpContext ctx, JsonNode result) =>
        WriteAsync(ctx, 200, new JsonObject { ["ok"] = true, ["result"] = result });

    private static async Task<int> ErrorAsync(HttpContext ctx, int status, string description)
    {
        await WriteAsync(ctx, status, new JsonObject { ["ok"] = false, ["error_code"] = status, ["description"] = description });
        return status;
    }

    private static async Task WriteAsync(HttpContext ctx, int status, JsonObject body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body.ToJsonString(), ctx.RequestAborted);
    }

    private sealed class PollState
    {
        public bool Active { get; set; }

        public long NextUpdateId { get; set; } = 1;

        public List<JsonObject> Updates { get; } = [];

        public TaskCompletionSource Arrived { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
