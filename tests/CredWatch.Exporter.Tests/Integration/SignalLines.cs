using System.Text.Json;

namespace CredWatch.Exporter.Tests.Integration;

/// <summary>Gateway log lines in OpenClaw's tslog JSON shape (formats.md §4): console text under "0".</summary>
internal static class SignalLines
{
    public static string OAuthRefreshFailed(string provider, DateTimeOffset time) => Console(
        $"[warn] Embedded agent failed before reply: OAuth token refresh failed for {provider}: Failed to refresh OAuth token for {provider}. Please try again or re-authenticate.",
        time,
        "ERROR");

    public static string Noise(DateTimeOffset time) => Console("[gateway] heartbeat ok", time, "INFO");

    private static string Console(string text, DateTimeOffset time, string level) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["0"] = text,
            ["_meta"] = new Dictionary<string, object?> { ["logLevelName"] = level, ["name"] = "openclaw", ["date"] = time.UtcDateTime.ToString("O") },
            ["time"] = time.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz"),
        }) + "\n";
}
