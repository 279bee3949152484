using System.Text.Json;
using CredWatch.Exporter.Resync;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>Test stand-in for core's CLI-store reader: reads the real <c>.credentials.json</c> file of the temp home.</summary>
internal sealed class ClaudeCredentialsReader : ISourceCredentialReader
{
    public int Reads { get; private set; }

    public ProfileTokenUpdate? Read(ResyncSource source)
    {
        Reads++;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(source.SourceId));
        var o = doc.RootElement.GetProperty("claudeAiOauth");
        return new ProfileTokenUpdate(
            o.GetProperty("accessToken").GetString() ?? "",
            o.GetProperty("refreshToken").GetString() ?? "",
            o.GetProperty("expiresAt").GetInt64());
    }
}
