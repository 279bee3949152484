using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CredWatch.Exporter.Configuration;

/// <summary>A parsed <c>HOST:PORT</c> (IPv6 as <c>[::1]:PORT</c>); port 0 means "any free port".</summary>
internal sealed record ListenAddress(string Host, int Port)
{
    /// <summary>Parses <paramref name="text"/>; false on anything that is not HOST:PORT.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ListenAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (host.Length == 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        address = new ListenAddress(host, port);
        return true;
    }

    /// <summary>The Kestrel URL for this address.</summary>
    public string ToUrl() => Host.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"http://[{Host}]:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"http://{Host}:{Port}");
}
