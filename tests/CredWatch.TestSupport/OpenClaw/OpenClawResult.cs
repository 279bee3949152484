using System.Text.Json.Nodes;

namespace CredWatch.TestSupport.OpenClaw;

/// <summary>One finished (or timed-out and killed) OpenClaw CLI run.</summary>
public sealed record OpenClawResult(IReadOnlyList<string> Arguments, int ExitCode, string StdOut, string StdErr, bool TimedOut, TimeSpan Elapsed)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>
    /// The JSON document a <c>--json</c> command printed. Stdout is normally pure JSON; tolerate banner lines
    /// before it by starting at the first line that opens an object or array.
    /// </summary>
    public JsonNode Json()
    {
        var text = StdOut;
        var start = FirstJsonLine(text);
        if (start < 0)
        {
            throw new InvalidOperationException($"openclaw {string.Join(' ', Arguments)} printed no JSON (exit {ExitCode}); stderr: {Tail(StdErr)}");
        }

        return JsonNode.Parse(text[start..]) ?? throw new InvalidOperationException("openclaw printed JSON null");
    }

    public override string ToString() =>
        $"openclaw {string.Join(' ', Arguments)} → exit {ExitCode}{(TimedOut ? " (TIMED OUT, killed)" : "")} in {Elapsed.TotalSeconds:F1}s; stderr tail: {Tail(StdErr)}";

    private static int FirstJsonLine(string text)
    {
        var index = 0;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
            {
                return index + (line.Length - trimmed.Length);
            }

            index += line.Length + 1;
        }

        return -1;
    }

    private static string Tail(string text) => text.Length <= 600 ? text : "…" + text[^600..];
}
