using System.Globalization;
using System.Net;

namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// A <c>--web.listen-address</c> value as Prometheus exporters spell it: <c>host:port</c>, <c>[v6]:port</c>
/// or <c>:port</c> (all interfaces). <see cref="Address"/> is null for "all interfaces" and for <c>localhost</c>.
/// </summary>
internal sealed record ListenEndpoint(string Host, IPAddress? Address, int Port)
{
    public bool IsLocalhostName => Host.Equals("localhost", StringComparison.OrdinalIgnoreCase);

    public bool IsAnyAddress => Host.Length == 0;

    public bool IsLoopback => IsLocalhostName || (Address is not null && IPAddress.IsLoopback(Address));

    public override string ToString() => Address?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"[{Host}]:{Port}"
        : $"{Host}:{Port}";

    public static bool TryParse(string? text, out ListenEndpoint? endpoint)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        var host = text[..colon];
        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (host.Length == 0 || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            endpoint = new ListenEndpoint(host, null, port);
            return true;
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            // Host names other than localhost would need DNS at bind time; exporters take addresses.
            return false;
        }

        endpoint = new ListenEndpoint(host, address, port);
        return true;
    }
}
