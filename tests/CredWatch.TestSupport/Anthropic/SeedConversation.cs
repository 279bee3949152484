using System.Text.Json.Nodes;

namespace CredWatch.TestSupport.Anthropic;

/// <summary>
/// The seed (formats §3d) as a script for <see cref="FakeAnthropicServer"/>: the parent's first turn answers with a
/// <c>sessions_spawn</c> tool_use whose task carries <see cref="ChildMarker"/>; a child (its first user message holds
/// the marker) runs <c>whileChildWorks</c> once — e.g. expire the stored login — then answers with short text;
/// everything else gets "ok". Children are never told to spawn (2026.9.6 offers them sessions_spawn too and would
/// otherwise nest until its depth limit).
/// </summary>
public sealed class SeedConversation
{
    public const string ChildMarker = "CREDWATCH-SEED-CHILD";

    private readonly Func<CancellationToken, Task>? _whileChildWorks;
    private readonly TaskCompletionSource _childStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _spawns;
    private int _childTurns;

    public SeedConversation(Func<CancellationToken, Task>? whileChildWorks = null, string childReply = "child result ready", string label = "seed child")
    {
        _whileChildWorks = whileChildWorks;
        ChildReply = childReply;
        Label = label;
    }

    public string ChildReply { get; }

    public string Label { get; }

    public int Spawns => Volatile.Read(ref _spawns);

    public int ChildTurns => Volatile.Read(ref _childTurns);

    /// <summary>Completes when the child's first request arrived and the hook ran.</summary>
    public Task ChildHandled => _childStarted.Task;

    public AnthropicScript Script => RespondAsync;

    private async ValueTask<AnthropicReply> RespondAsync(AnthropicRequest request, CancellationToken cancellationToken)
    {
        if (request.FirstUserText.Contains(ChildMarker, StringComparison.Ordinal))
        {
            if (Interlocked.Increment(ref _childTurns) == 1)
            {
                try
                {
                    if (_whileChildWorks is not null)
                    {
                        await _whileChildWorks(cancellationToken);
                    }

                    _childStarted.TrySetResult();
                }
                catch (Exception ex)
                {
                    _childStarted.TrySetException(ex);
                    throw;
                }
            }

            return AnthropicReply.Text(ChildReply);
        }

        if (request.Offers("sessions_spawn") && !request.HasToolResult && Interlocked.CompareExchange(ref _spawns, 1, 0) == 0)
        {
            return AnthropicReply.ToolUse("sessions_spawn", new JsonObject
            {
                ["task"] = $"{ChildMarker}: compute the answer and reply with it",
                ["label"] = Label,
            });
        }

        return AnthropicReply.Text("ok");
    }
}
