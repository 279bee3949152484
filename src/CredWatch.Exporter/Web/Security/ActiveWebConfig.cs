namespace CredWatch.Exporter.Web.Security;

/// <summary>The web config in force: parsed YAML, loaded certificates, and a generation bumped per successful (re)load.</summary>
internal sealed record ActiveWebConfig(WebConfig Config, WebTlsMaterial? Tls, long Generation, string? SourceFile)
{
    public static ActiveWebConfig None { get; } = new(WebConfig.Empty, null, 0, null);
}
