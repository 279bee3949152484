namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// Options of section <c>CredWatch:Web</c>. Bound by hand in <see cref="WebSecurityExtensions"/>
/// (no reflection binder, so Native AOT keeps working); checked by <see cref="WebSecurityOptionsValidator"/>.
/// </summary>
internal sealed class WebSecurityOptions
{
    public const string DefaultListenAddress = "127.0.0.1:9797";

    public static readonly IReadOnlyList<string> DefaultUnauthenticatedPaths = ["/healthz", "/readyz"];

    public string ListenAddress { get; set; } = DefaultListenAddress;

    /// <summary>Path of the exporter-toolkit web config (<c>--web.config.file</c>); null = none.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Exact request paths served without basic auth when users are configured.</summary>
    public IReadOnlyList<string> UnauthenticatedPaths { get; set; } = DefaultUnauthenticatedPaths;

    /// <summary>Fallback poll of the config and certificate files (the file watcher is the fast path).</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Added to every failed authentication to slow down guessing.</summary>
    public TimeSpan AuthFailureDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a successful bcrypt verification of one Authorization header is reused.</summary>
    public TimeSpan AuthCacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Set when a configured value could not be parsed; reported by the validator.</summary>
    internal List<string> BindErrors { get; } = [];
}
