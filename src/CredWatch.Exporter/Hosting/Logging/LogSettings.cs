using Microsoft.Extensions.Logging;

namespace CredWatch.Exporter.Hosting.Logging;

/// <summary>What <c>--log.level</c> and <c>--log.format</c> chose (promslog's names).</summary>
internal sealed record LogSettings(LogLevel Level, LogFormat Format)
{
    public static readonly string[] LevelNames = ["debug", "info", "warn", "error"];

    public static readonly string[] FormatNames = ["logfmt", "json"];

    /// <summary>The level a promslog name stands for; null when it is none of <see cref="LevelNames"/>.</summary>
    public static LogLevel? ParseLevel(string? name) => name?.ToLowerInvariant() switch
    {
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => null,
    };

    public static LogFormat? ParseFormat(string? name) => name?.ToLowerInvariant() switch
    {
        "logfmt" => LogFormat.Logfmt,
        "json" => LogFormat.Json,
        _ => null,
    };
}
