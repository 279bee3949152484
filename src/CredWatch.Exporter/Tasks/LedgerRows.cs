using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Tasks;

/// <summary>Reads one row of the ledger's detail SELECT (<see cref="LedgerSchema"/>) and the JSON documents it carries.</summary>
internal static class LedgerRows
{
    internal static LedgerTask ReadTask(SqliteDataReader r)
    {
        var status = ReadString(r, 3) ?? string.Empty;
        var sessionKey = ReadString(r, 6);
        return new LedgerTask
        {
            RowId = r.GetInt64(0),
            TaskId = ReadString(r, 1) ?? string.Empty,
            Runtime = ReadString(r, 2) ?? string.Empty,
            Status = status,
            DeliveryStatus = ReadString(r, 4) ?? string.Empty,
            NotifyPolicy = ReadString(r, 5),
            RequesterSessionKey = sessionKey,
            RequesterAgentId = ReadString(r, 7),
            AgentId = ReadString(r, 8),
            RunId = ReadString(r, 9),
            ChildSessionKey = ReadString(r, 10),
            Label = ReadString(r, 11),
            TaskText = ReadString(r, 12),
            Error = ReadString(r, 13),
            CreatedAt = ReadLong(r, 14) ?? 0,
            StartedAt = ReadLong(r, 15),
            EndedAt = ReadLong(r, 16),
            LastEventAt = ReadLong(r, 17),
            Origin = ParseOrigin(ReadString(r, 18)) ?? RequesterOrigin.FromSessionKey(sessionKey),
        };
    }

    internal static string? ReadString(SqliteDataReader r, int i)
    {
        if (r.IsDBNull(i))
        {
            return null;
        }

        var v = r.GetValue(i);
        return v switch
        {
            string s => s,
            byte[] => null,
            _ => Convert.ToString(v, CultureInfo.InvariantCulture),
        };
    }

    internal static long? ReadLong(SqliteDataReader r, int i)
    {
        if (r.IsDBNull(i))
        {
            return null;
        }

        return r.GetValue(i) switch
        {
            long l => l,
            double d when d is >= long.MinValue and <= long.MaxValue => (long)d,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
            _ => null,
        };
    }

    internal static SubagentDelivery? ParseDelivery(string? json) => ParseObject(json, e => new SubagentDelivery
    {
        Status = JsonString(e, "status"),
        SuspendedReason = JsonString(e, "suspendedReason"),
        LastError = JsonString(e, "lastError"),
        AttemptCount = (int)Math.Clamp(JsonLong(e, "attemptCount") ?? 0, 0, int.MaxValue),
        DeadlineAt = JsonLong(e, "deadlineAt"),
    });

    internal static RequesterOrigin? ParseOrigin(string? json) => ParseObject(json, e =>
    {
        var channel = JsonString(e, "channel");
        var to = JsonString(e, "to");
        return channel is null && to is null
            ? null
            : new RequesterOrigin(channel, to, JsonString(e, "threadId") ?? JsonLong(e, "threadId")?.ToString(CultureInfo.InvariantCulture), JsonString(e, "accountId"));
    });

    /// <summary>A JSON object read by <paramref name="read"/>; null when the text is empty, torn or not an object.</summary>
    private static T? ParseObject<T>(string? json, Func<JsonElement, T?> read)
        where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? read(doc.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? JsonString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? JsonLong(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l) ? l : null;
}
