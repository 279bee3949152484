using System.Text.Json;
using System.Text.RegularExpressions;

namespace CredWatch.Exporter.Hosting;

/// <summary>
/// Reads <c>logging.file</c> from OpenClaw's <c>openclaw.json</c> (JSON5 on disk). A tolerant read: JSON with
/// comments and trailing commas first, then a narrow pattern for unquoted keys. Never throws; a file it
/// cannot understand only means the default log globs are followed.
/// TODO: use the Alerts library's JSON5 reader (CredWatch.Alerts OpenClaw config discovery) once it is merged.
/// </summary>
internal static partial class OpenClawLoggingFile
{
    private const long MaxBytes = 4 * 1024 * 1024;

    /// <summary><c>$OPENCLAW_CONFIG_PATH</c>, else <c>&lt;state&gt;/openclaw.json</c>.</summary>
    public static string ConfigPath(string openClawStateDir, Func<string, string?> variable) =>
        variable("OPENCLAW_CONFIG_PATH") is { Length: > 0 } explicitPath ? explicitPath : Path.Combine(openClawStateDir, "openclaw.json");

    /// <summary>The configured log file (absolute; relative paths resolve against the config's directory), or null.</summary>
    public static string? Read(string configPath, string home)
    {
        string text;
        try
        {
            var info = new FileInfo(configPath);
            if (!info.Exists || info.Length > MaxBytes)
            {
                return null;
            }

            text = File.ReadAllText(configPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var value = FromJson(text) ?? FromPattern(text);
        if (string.IsNullOrWhiteSpace(value) || value.Contains("${", StringComparison.Ordinal))
        {
            return null;
        }

        if (value == "~" || value.StartsWith("~/", StringComparison.Ordinal))
        {
            value = Path.Combine(home, value.Length > 2 ? value[2..] : string.Empty);
        }

        return Path.GetFullPath(value, Path.GetDirectoryName(Path.GetFullPath(configPath))!);
    }

    private static string? FromJson(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("logging", out var logging) && logging.ValueKind == JsonValueKind.Object
                && logging.TryGetProperty("file", out var file) && file.ValueKind == JsonValueKind.String
                ? file.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // JSON5 with unquoted keys: `logging: { ... file: "/path" ... }` (no nested objects before `file`).
    private static string? FromPattern(string text) =>
        LoggingFile().Match(text) is { Success: true } m ? m.Groups["path"].Value : null;

    [GeneratedRegex("""["']?logging["']?\s*:\s*\{[^{}]*?["']?\bfile["']?\s*:\s*(?<q>["'])(?<path>[^"'\r\n]+)\k<q>""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LoggingFile();
}
