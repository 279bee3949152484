namespace CredWatch.Exporter.Configuration;

/// <summary>HTTP listener settings (section <c>CredWatch:Web</c>).</summary>
internal sealed class WebOptions
{
    /// <summary>Default listen address: loopback only.</summary>
    public const string DefaultListenAddress = "127.0.0.1:9797";

    /// <summary><c>HOST:PORT</c> to listen on (<c>--web.listen-address</c>).</summary>
    public string ListenAddress { get; set; } = DefaultListenAddress;

    /// <summary>exporter-toolkit style web config file (TLS/basic auth); owned by the Web security component.</summary>
    public string? ConfigFile { get; set; }
}
