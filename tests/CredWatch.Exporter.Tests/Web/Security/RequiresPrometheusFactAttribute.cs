namespace CredWatch.Exporter.Tests.Web.Security;

/// <summary>Skips, saying why, when the Debian prometheus binary is absent.</summary>
public sealed class RequiresPrometheusFactAttribute : FactAttribute
{
    public RequiresPrometheusFactAttribute()
    {
        if (PrometheusLauncher.FindBinary() is null)
        {
            Skip = "SKIPPED LOUDLY: prometheus not found at /usr/bin/prometheus (apt-get install prometheus) nor $CREDWATCH_PROMETHEUS";
        }
    }
}
