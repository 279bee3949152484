using System.Text.Json.Nodes;

namespace CredWatch.TestSupport.Anthropic;

/// <summary>A scripted answer: assistant text, one tool_use, or an HTTP error (e.g. 401 to simulate a revoked token).</summary>
public abstract record AnthropicReply
{
    public static AnthropicReply Text(string text) => new TextReply(text);

    public static AnthropicReply ToolUse(string name, JsonObject input) => new ToolUseReply(name, input);

    public static AnthropicReply Error(int status, string type, string message) => new ErrorReply(status, type, message);

    public sealed record TextReply(string Value) : AnthropicReply;

    public sealed record ToolUseReply(string Name, JsonObject Input) : AnthropicReply;

    public sealed record ErrorReply(int Status, string Type, string Message) : AnthropicReply;
}

/// <summary>Decides the answer to one request; may await (e.g. expire the login while the child "works").</summary>
public delegate ValueTask<AnthropicReply> AnthropicScript(AnthropicRequest request, CancellationToken cancellationToken);
