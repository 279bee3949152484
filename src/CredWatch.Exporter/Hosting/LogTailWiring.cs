using CredWatch.LogTail.Hosting;
using CredWatch.Exporter.Configuration;
using CredWatch.Exporter.OpenClaw;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Web;
using CredWatch.LogTail.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CredWatch.Exporter.Hosting;

/// <summary>Wires LogTail into the host: state dir, OpenClaw's <c>logging.file</c>, and the <c>/api/status</c> section.</summary>
internal static class LogTailWiring
{
    public static IServiceCollection AddCredWatchLogTail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLogTail(configuration);
        services.AddOptions<LogTailOptions>().PostConfigure<StatePaths, OpenClawInstallation>((o, state, installation) =>
        {
            // LogTail's own fallback is CredWatch:StateDir; the core's resolved dir also covers the XDG / home defaults.
            o.StateDir ??= state.StateDir;
            if (installation.Resolve().LogFile is { } file && !o.ExtraFiles.Contains(file))
            {
                o.ExtraFiles.Add(file);
            }
        });
        services.AddSingleton<IStatusContributor, LogTailStatusContributor>();
        return services;
    }
}
