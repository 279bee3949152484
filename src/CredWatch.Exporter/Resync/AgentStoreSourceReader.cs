namespace CredWatch.Exporter.Resync;

/// <summary>
/// Reads a newest-wins source (<c>SourceId</c> = <c>&lt;auth-profiles.json path&gt;#&lt;profile id&gt;</c>);
/// anything else is handed to the fallback (core's CLI-store reader).
/// </summary>
internal sealed class AgentStoreSourceReader(ISourceCredentialReader? fallback) : ISourceCredentialReader
{
    public ProfileTokenUpdate? Read(ResyncSource source)
    {
        if (source.Store != "openclaw")
        {
            return fallback?.Read(source);
        }

        var hash = source.SourceId.LastIndexOf('#');
        if (hash <= 0)
        {
            return null;
        }

        var path = source.SourceId[..hash];
        var id = source.SourceId[(hash + 1)..];
        byte[] bytes;
        try
        {
            if (new FileInfo(path).Length > AuthProfilesPatcher.MaxStoreBytes)
            {
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var p = AuthProfilesPatcher.ReadProfile(bytes, id);
        return p is { IsOAuth: true, Access.Length: > 0, Refresh.Length: > 0, ExpiresAtMs: { } e }
            ? new ProfileTokenUpdate(p.Access, p.Refresh, e)
            : null;
    }
}
