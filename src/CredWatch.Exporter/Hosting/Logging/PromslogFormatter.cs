using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace CredWatch.Exporter.Hosting.Logging;

/// <summary>
/// Log lines shaped like Prometheus exporters' (promslog): <c>time</c>, <c>level</c>, <c>source</c>, <c>msg</c>, then the
/// message's named values in snake_case, as logfmt or JSON. Exceptions add their message as <c>err</c>, never a stack
/// trace: every failure CredWatch expects is already worded for the operator.
/// </summary>
internal sealed class PromslogFormatter(LogFormat format, TimeProvider time) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "promslog";

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("time", time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
            new("level", Level(logEntry.LogLevel)),
            new("source", Source(logEntry.Category)),
            new("msg", message),
        };
        if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                // A value named like a fixed field ("msg", "time") would make a second key of that name.
                if (key != "{OriginalFormat}" && !fields.Exists(f => f.Key == SnakeCase(key)))
                {
                    fields.Add(new(SnakeCase(key), Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                }
            }
        }

        if (logEntry.Exception is { } ex)
        {
            fields.Add(new("err", ex.Message));
        }

        textWriter.Write(format == LogFormat.Json ? Json(fields) : Logfmt(fields));
        textWriter.Write('\n');
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        _ => "ERROR",
    };

    // promslog's source is file:line; the logger category (last segment) is what .NET has that says the same.
    private static string Source(string category) => category[(category.LastIndexOf('.') + 1)..];

    private static string SnakeCase(string key)
    {
        var sb = new StringBuilder(key.Length + 4);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && !char.IsUpper(key[i - 1]))
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Logfmt(List<KeyValuePair<string, string>> fields)
    {
        var sb = new StringBuilder(256);
        foreach (var (key, value) in fields)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(key).Append('=');
            if (value.Length > 0 && !value.Any(c => c is ' ' or '=' or '"' or '\\' || char.IsControl(c)))
            {
                sb.Append(value);
                continue;
            }

            sb.Append('"');
            foreach (var c in value)
            {
                _ = c switch
                {
                    '"' => sb.Append("\\\""),
                    '\\' => sb.Append("\\\\"),
                    '\n' => sb.Append("\\n"),
                    '\r' => sb.Append("\\r"),
                    '\t' => sb.Append("\\t"),
                    _ => sb.Append(c),
                };
            }

            sb.Append('"');
        }

        return sb.ToString();
    }

    private static string Json(List<KeyValuePair<string, string>> fields)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in fields)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
