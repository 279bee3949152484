using System.Text.Json;
using CredWatch.Exporter.Hosting.Logging;
using CredWatch.Exporter.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CredWatch.Exporter.Tests.Hosting;

/// <summary>The log line shapes of <c>--log.format</c>: values that need quoting, exceptions without stack traces.</summary>
public sealed class PromslogFormatterTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 5, 7, 31, 44, 247, TimeSpan.Zero));

    [Fact]
    public void Logfmt_quotes_and_escapes_values_and_snake_cases_names()
    {
        var line = Write(LogFormat.Logfmt, "Store /a b said \"no\"\nnext", [new("StoreDir", "/a b"), new("Count", 3)], exception: null);
        line.Should().Be("time=2026-12-05T07:31:44.247Z level=WARN source=StoreMonitor msg=\"Store /a b said \\\"no\\\"\\nnext\" store_dir=\"/a b\" count=3\n");
    }

    [Fact]
    public void Json_is_one_object_per_line_and_an_exception_is_its_message_only()
    {
        InvalidOperationException thrown;
        try
        {
            throw new InvalidOperationException("disk full");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var line = Write(LogFormat.Json, "Write failed", [new("Msg", "shadowed")], thrown);
        line.Should().EndWith("\n").And.NotContain(" at ", "no stack trace");
        using var doc = JsonDocument.Parse(line);
        doc.RootElement.GetProperty("time").GetString().Should().Be("2026-12-05T07:31:44.247Z");
        doc.RootElement.GetProperty("level").GetString().Should().Be("WARN");
        doc.RootElement.GetProperty("source").GetString().Should().Be("StoreMonitor");
        doc.RootElement.GetProperty("msg").GetString().Should().Be("Write failed", "a value named like a fixed field does not replace it");
        doc.RootElement.GetProperty("err").GetString().Should().Be("disk full");
    }

    private static string Write(LogFormat format, string message, List<KeyValuePair<string, object?>> values, Exception? exception)
    {
        var state = new List<KeyValuePair<string, object?>>(values) { new("{OriginalFormat}", message) };
        var entry = new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(
            LogLevel.Warning, "CredWatch.Exporter.Stores.StoreMonitor", new EventId(1), state, exception, (_, _) => message);
        using var writer = new StringWriter();
        new PromslogFormatter(format, Time).Write(entry, null, writer);
        return writer.ToString();
    }
}
