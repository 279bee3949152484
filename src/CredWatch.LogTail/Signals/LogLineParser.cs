using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CredWatch.LogTail.Signals;

/// <summary>
/// Turns one line (UTF-8, no newline) into a <see cref="LogLine"/>: tslog JSON (docs/openclaw-observed.md) when it
/// parses, else plain text (console copies, journald, torn lines). Invalid UTF-8 is decoded lossily.
/// </summary>
internal static class LogLineParser
{
    public enum Outcome
    {
        Json,
        PlainText,
        InvalidJson,
        InvalidUtf8,
    }

    public static LogLine Parse(ReadOnlySpan<byte> line, out Outcome outcome)
    {
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            outcome = Outcome.InvalidUtf8;
            return new LogLine { Text = Encoding.UTF8.GetString(line) };
        }

        var trimmed = line.TrimStart((byte)' ');
        if (trimmed.Length > 0 && trimmed[0] == (byte)'{')
        {
            try
            {
                var parsed = ParseJson(line);
                if (parsed is not null)
                {
                    outcome = Outcome.Json;
                    return parsed;
                }
            }
            catch (JsonException)
            {
                // A torn or foreign line: the rules still read its text below.
            }

            outcome = Outcome.InvalidJson;
            return new LogLine { Text = Encoding.UTF8.GetString(line) };
        }

        outcome = Outcome.PlainText;
        return ParsePlain(Encoding.UTF8.GetString(line));
    }

    /// <summary>Plain text (journald MESSAGE, console). Picks up <c>runId=</c> style hints only.</summary>
    public static LogLine ParsePlain(string text) => new() { Text = text };

    private static LogLine? ParseJson(ReadOnlySpan<byte> line)
    {
        using var doc = JsonDocument.Parse(line.ToArray());
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var text = new StringBuilder();
        string? runId = null, sessionId = null, agentId = null, channel = null, provider = null, message = null;
        DateTimeOffset? time = null;
        string? level = null;
        for (var i = 0; root.TryGetProperty(i.ToString(CultureInfo.InvariantCulture), out var part); i++)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            if (part.ValueKind == JsonValueKind.String)
            {
                text.Append(part.GetString());
            }
            else
            {
                text.Append(part.GetRawText());
                if (part.ValueKind == JsonValueKind.Object)
                {
                    runId ??= Str(part, "runId");
                    sessionId ??= Str(part, "sessionId");
                    agentId ??= Str(part, "agentId");
                    provider ??= Str(part, "provider") ?? Str(part, "candidateProvider");
                }
            }
        }

        foreach (var prop in root.EnumerateObject())
        {
            switch (prop.Name)
            {
                case "message" when prop.Value.ValueKind == JsonValueKind.String:
                    message = prop.Value.GetString();
                    break;
                case "agent_id" when prop.Value.ValueKind == JsonValueKind.String:
                    agentId = prop.Value.GetString();
                    break;
                case "session_id" when prop.Value.ValueKind == JsonValueKind.String:
                    sessionId = prop.Value.GetString();
                    break;
                case "channel" when prop.Value.ValueKind == JsonValueKind.String:
                    channel = prop.Value.GetString();
                    break;
                case "run_id" when prop.Value.ValueKind == JsonValueKind.String:
                    runId ??= prop.Value.GetString();
                    break;
                case "time" when prop.Value.ValueKind == JsonValueKind.String:
                    time = ParseTime(prop.Value.GetString()) ?? time;
                    break;
                case "_meta" when prop.Value.ValueKind == JsonValueKind.Object:
                    level = Str(prop.Value, "logLevelName");
                    time ??= ParseTime(Str(prop.Value, "date"));
                    break;
                default:
                    break;
            }
        }

        return new LogLine
        {
            // The numeric keys hold the meta objects too (errorPreview); `message` is the newer
            // top-level copy without them, used when a line has no numeric keys.
            Text = text.Length > 0 ? text.ToString() : message ?? string.Empty,
            Time = time,
            Level = level,
            RunId = runId,
            SessionId = sessionId,
            AgentId = agentId,
            Channel = channel,
            MetaProvider = provider,
            IsJson = true,
        };
    }

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTimeOffset? ParseTime(string? s) =>
        s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
