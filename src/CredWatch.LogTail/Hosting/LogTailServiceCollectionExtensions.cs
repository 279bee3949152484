using CredWatch.LogTail.Configuration;
using CredWatch.LogTail.Metrics;
using CredWatch.LogTail.Signals;
using CredWatch.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CredWatch.LogTail.Hosting;

public static class LogTailServiceCollectionExtensions
{
    /// <summary>
    /// Registers LogTail: options from <c>CredWatch:LogTail</c> only (the host sets the StateDir default; validated
    /// at start), the hosted tailer, its metrics (meter <c>CredWatch.LogTail</c>), <see cref="RecentSignals"/>
    /// and <see cref="LogTailStatus"/>. The host adds <see cref="ILogSignalSink"/>s and, via
    /// <c>services.PostConfigure&lt;LogTailOptions&gt;(o =&gt; o.ExtraFiles.Add(loggingFile))</c>, OpenClaw's <c>logging.file</c>.
    /// </summary>
    public static IServiceCollection AddLogTail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LogTailOptions>()
            .Bind(configuration.GetSection(LogTailOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LogTailOptions>, LogTailOptionsValidator>());
        services.TryAddSingleton<LogTailMetrics>();
        services.TryAddSingleton(sp => new RecentSignals(sp.GetRequiredService<IOptions<LogTailOptions>>().Value.RecentCapacity));
        services.TryAddSingleton<LogTailStatus>();
        services.AddCredWatchStateFiles();
        services.AddHostedService<LogTailService>();
        return services;
    }
}
