using System.Net;
using System.Net.Sockets;

namespace CredWatch.TestSupport;

/// <summary>Picks a free loopback port. The servers are started with a retry because another process may take it first.</summary>
public static class FreeTcpPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
