using System.Text.Json;

namespace CredWatch.LogTail.Tests;

/// <summary>Builds log lines in OpenClaw's real tslog JSON shapes (formats §4).</summary>
internal static class TestLines
{
    /// <summary>Shape (c): captured console text under "0".</summary>
    public static string Console(string text, DateTimeOffset? time = null, string level = "INFO") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["0"] = text,
            ["_meta"] = new Dictionary<string, object?> { ["logLevelName"] = level, ["name"] = "openclaw", ["date"] = (time ?? DefaultTime).UtcDateTime.ToString("O") },
            ["time"] = (time ?? DefaultTime).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz"),
        });

    /// <summary>Shape (b): subsystem + meta object + message, with the top-level message of 2026.9.x.</summary>
    public static string Subsystem(string subsystem, object meta, string message, DateTimeOffset? time = null, string level = "WARN") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["0"] = JsonSerializer.Serialize(new { subsystem }),
            ["1"] = meta,
            ["2"] = message,
            ["_meta"] = new Dictionary<string, object?> { ["logLevelName"] = level, ["name"] = JsonSerializer.Serialize(new { subsystem }), ["date"] = (time ?? DefaultTime).UtcDateTime.ToString("O") },
            ["time"] = (time ?? DefaultTime).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz"),
            ["message"] = message,
        });

    public static readonly DateTimeOffset DefaultTime = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));

    public static string OAuthFailure(string provider, int seq, DateTimeOffset? time = null) =>
        Console($"[warn] seq={seq} Embedded agent failed before reply: OAuth token refresh failed for {provider}: Failed to refresh OAuth token for {provider}. Please try again or re-authenticate.", time, "ERROR");

    public static string GiveUp(int seq, DateTimeOffset? time = null) =>
        Console($"[warn] Subagent announce give up (retry-limit) run=run-{seq:D6} child=agent:main:subagent:c{seq} requester=agent:main:telegram:group:-100123:topic:{seq} retries=3 endedAgo=95s", time);

    public static string Noise(int seq, int padding = 300) =>
        Console($"[gateway] heartbeat seq={seq} " + new string('x', padding));
}
