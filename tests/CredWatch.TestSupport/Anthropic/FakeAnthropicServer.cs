using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CredWatch.TestSupport.Anthropic;

/// <summary>
/// A loopback Kestrel server speaking the Anthropic Messages API (<c>POST /v1/messages</c>, streamed SSE:
/// message_start, content_block_start/delta/stop, message_delta, message_stop; or one JSON message when
/// <c>stream</c> is false). Point OpenClaw at it with <c>models.providers.anthropic.baseUrl</c>. The OAuth token
/// arrives as <c>Authorization: Bearer</c>; it is kept only to compare (<see cref="SawCredential"/>), never exposed.
/// Anything else (OpenClaw's utility model also POSTs <c>/chat/completions</c> to the same base URL) gets 404.
/// </summary>
public sealed class FakeAnthropicServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AnthropicScript _script;
    private readonly ConcurrentQueue<AnthropicRequest> _requests = new();
    private readonly ConcurrentQueue<string> _credentials = new();
    private int _sequence;

    private FakeAnthropicServer(WebApplication app, AnthropicScript script)
    {
        _app = app;
        _script = script;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<AnthropicRequest> Requests => [.. _requests];

    public static async Task<FakeAnthropicServer> StartAsync(AnthropicScript? script = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Logging.ClearProviders();
        builder.Services.AddLogging();
        var app = builder.Build();
        var server = new FakeAnthropicServer(app, script ?? ((_, _) => ValueTask.FromResult(AnthropicReply.Text("ok"))));
        app.Urls.Add("http://127.0.0.1:0");
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>True when some request presented exactly this credential (bearer or x-api-key).</summary>
    public bool SawCredential(string token) => _credentials.Contains(token, StringComparer.Ordinal);

    public int CountCredential(string token) => _credentials.Count(c => string.Equals(c, token, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!HttpMethods.IsPost(context.Request.Method) || !path.EndsWith("/v1/messages", StringComparison.Ordinal))
        {
            if (path.EndsWith("/v1/messages/count_tokens", StringComparison.Ordinal))
            {
                await context.Response.WriteAsJsonAsync(new { input_tokens = 10 });
                return;
            }

            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { type = "error", error = new { type = "not_found_error", message = "fake anthropic: only /v1/messages" } });
            return;
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        var credential = Credential(context.Request);
        if (credential is not null)
        {
            _credentials.Enqueue(credential);
        }

        var request = Describe(Interlocked.Increment(ref _sequence), path, body, credential is not null);
        _requests.Enqueue(request);
        var reply = await _script(request, context.RequestAborted);
        await WriteAsync(context, request, reply);
    }

    private static string? Credential(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return auth["Bearer ".Length..].Trim();
        }

        var key = request.Headers["x-api-key"].ToString();
        return key.Length > 0 ? key : null;
    }

    private static AnthropicRequest Describe(int sequence, string path, JsonNode? body, bool hasCredential)
    {
        var tools = (body?["tools"] as JsonArray)?.Select(t => t?["name"]?.GetValue<string>() ?? "").ToList() ?? [];
        var messages = body?["messages"] as JsonArray ?? [];
        var firstUser = messages.FirstOrDefault(m => m?["role"]?.GetValue<string>() == "user");
        var hasToolResult = messages.Any(m => m?["content"] is JsonArray blocks && blocks.Any(b => b?["type"]?.GetValue<string>() == "tool_result"));
        return new AnthropicRequest(
            sequence,
            path,
            body?["model"]?.GetValue<string>(),
            body?["stream"]?.GetValue<bool>() ?? false,
            tools,
            TextOf(firstUser?["content"]),
            hasToolResult,
            hasCredential);
    }

    private static string TextOf(JsonNode? content) => content switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray blocks => string.Join("\n", blocks.Select(b => b?["text"]?.GetValue<string>()).Where(t => t is not null)),
        _ => "",
    };

    private static async Task WriteAsync(HttpContext context, AnthropicRequest request, AnthropicReply reply)
    {
        var id = $"msg_fake_{request.Sequence}";
        var model = request.Model ?? "claude-fake";
        if (reply is AnthropicReply.ErrorReply error)
        {
            context.Response.StatusCode = error.Status;
            await context.Response.WriteAsJsonAsync(new { type = "error", error = new { type = error.Type, message = error.Message } });
            return;
        }

        var (block, delta, stop) = reply switch
        {
            AnthropicReply.TextReply t => (
                (JsonNode)new JsonObject { ["type"] = "text", ["text"] = "" },
                (JsonNode)new JsonObject { ["type"] = "text_delta", ["text"] = t.Value },
                "end_turn"),
            AnthropicReply.ToolUseReply u => (
                new JsonObject { ["type"] = "tool_use", ["id"] = $"toolu_fake_{request.Sequence}", ["name"] = u.Name, ["input"] = new JsonObject() },
                new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = u.Input.ToJsonString() },
                "tool_use"),
            _ => throw new InvalidOperationException("unknown reply " + reply),
        };

        if (!request.Stream)
        {
            var content = reply switch
            {
                AnthropicReply.TextReply t => new JsonObject { ["type"] = "text", ["text"] = t.Value },
                AnthropicReply.ToolUseReply u => new JsonObject { ["type"] = "tool_use", ["id"] = $"toolu_fake_{request.Sequence}", ["name"] = u.Name, ["input"] = u.Input.DeepClone() },
                _ => throw new InvalidOperationException(),
            };
            var message = new JsonObject
            {
                ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model,
                ["content"] = new JsonArray(content), ["stop_reason"] = stop, ["stop_sequence"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = 10, ["output_tokens"] = 5 },
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(message.ToJsonString());
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var events = new (string Name, JsonObject Data)[]
        {
            ("message_start", new JsonObject
            {
                ["type"] = "message_start",
                ["message"] = new JsonObject
                {
                    ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model, ["content"] = new JsonArray(),
                    ["stop_reason"] = null, ["stop_sequence"] = null,
                    ["usage"] = new JsonObject { ["input_tokens"] = 10, ["output_tokens"] = 1 },
                },
            }),
            ("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = block }),
            ("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = delta }),
            ("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 }),
            ("message_delta", new JsonObject
            {
                ["type"] = "message_delta",
                ["delta"] = new JsonObject { ["stop_reason"] = stop, ["stop_sequence"] = null },
                ["usage"] = new JsonObject { ["output_tokens"] = 5 },
            }),
            ("message_stop", new JsonObject { ["type"] = "message_stop" }),
        };
        foreach (var (name, data) in events)
        {
            await context.Response.WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n", Encoding.UTF8);
            await context.Response.Body.FlushAsync();
        }
    }
}
