namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// The exporter-toolkit web config as parsed (no files besides the YAML read yet).
/// <see cref="Users"/> maps user name to bcrypt hash; the hashes never leave this object except into bcrypt.
/// </summary>
internal sealed record WebConfig(
    TlsServerConfig? Tls,
    IReadOnlyDictionary<string, string> Users,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    bool Http2)
{
    public static WebConfig Empty { get; } = new(null, new Dictionary<string, string>(StringComparer.Ordinal), [], Http2: true);

    public bool HasAuth => Users.Count > 0;

    /// <summary>Paths of every file whose change must trigger a reload (config file itself excluded).</summary>
    public IEnumerable<string> ReferencedFiles()
    {
        if (Tls is null)
        {
            yield break;
        }

        yield return Tls.CertFile;
        yield return Tls.KeyFile;
        if (Tls.ClientCaFile is not null)
        {
            yield return Tls.ClientCaFile;
        }
    }
}
