using System.Globalization;
using System.Text.Json;

namespace CredWatch.TestSupport.Prometheus;

/// <summary>Reads the Prometheus/Alertmanager HTTP API JSON shapes.</summary>
internal static class PromJson
{
    public static Dictionary<string, string> StringMap(JsonElement element)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in element.EnumerateObject())
            {
                map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }

        return map;
    }

    /// <summary>A `[time, "value"]` pair; Prometheus spells special values "NaN", "+Inf", "-Inf".</summary>
    public static double SampleValue(JsonElement pair)
    {
        var text = pair[1].GetString() ?? "NaN";
        return text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }

    public static PromQueryResult QueryResult(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var status = root.GetProperty("status").GetString() ?? "error";
        string? errorType = root.TryGetProperty("errorType", out var et) ? et.GetString() : null;
        string? error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
        if (status != "success")
        {
            return new PromQueryResult(status, errorType, error, null, []);
        }

        var data = root.GetProperty("data");
        var type = data.GetProperty("resultType").GetString();
        var result = data.GetProperty("result");
        var samples = new List<PromSample>();
        switch (type)
        {
            case "vector":
                foreach (var item in result.EnumerateArray())
                {
                    samples.Add(new PromSample(StringMap(item.GetProperty("metric")), SampleValue(item.GetProperty("value"))));
                }

                break;
            case "scalar":
                samples.Add(new PromSample(new Dictionary<string, string>(), SampleValue(result)));
                break;
            case "matrix":
                foreach (var item in result.EnumerateArray())
                {
                    var values = item.GetProperty("values");
                    var last = values[values.GetArrayLength() - 1];
                    samples.Add(new PromSample(StringMap(item.GetProperty("metric")), SampleValue(last)));
                }

                break;
        }

        return new PromQueryResult(status, errorType, error, type, samples);
    }
}
