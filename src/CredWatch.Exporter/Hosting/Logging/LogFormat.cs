namespace CredWatch.Exporter.Hosting.Logging;

/// <summary><c>--log.format</c>: promslog's two shapes.</summary>
internal enum LogFormat
{
    /// <summary><c>time=… level=INFO source=… msg="…" key=value</c>.</summary>
    Logfmt,

    /// <summary>One JSON object per line with the same fields.</summary>
    Json,
}
