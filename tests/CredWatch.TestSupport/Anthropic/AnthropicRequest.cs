namespace CredWatch.TestSupport.Anthropic;

/// <summary>
/// What the fake server saw in one Messages API call. Carries no credential: the bearer token is kept inside the
/// server, only for <see cref="FakeAnthropicServer.SawCredential"/> comparisons.
/// </summary>
public sealed record AnthropicRequest(
    int Sequence,
    string Path,
    string? Model,
    bool Stream,
    IReadOnlyList<string> ToolNames,
    string FirstUserText,
    bool HasToolResult,
    bool HasCredential)
{
    public bool Offers(string toolName) => ToolNames.Contains(toolName, StringComparer.Ordinal);
}
