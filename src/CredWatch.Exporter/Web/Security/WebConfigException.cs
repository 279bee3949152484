namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// A web config that cannot be used. <see cref="KeyPath"/> names the offending YAML key
/// (e.g. <c>tls_server_config.client_auth_type</c>); messages never contain passwords or hashes.
/// </summary>
public sealed class WebConfigException : Exception
{
    public WebConfigException()
    {
        KeyPath = string.Empty;
    }

    public WebConfigException(string message)
        : base(message)
    {
        KeyPath = string.Empty;
    }

    public WebConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        KeyPath = string.Empty;
    }

    public WebConfigException(string keyPath, string message, Exception? innerException = null)
        : base(string.IsNullOrEmpty(keyPath) ? message : $"web config key '{keyPath}': {message}", innerException)
    {
        KeyPath = keyPath;
    }

    public string KeyPath { get; }
}
