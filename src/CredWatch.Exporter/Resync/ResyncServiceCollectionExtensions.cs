using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Resync;

internal static class ResyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers resync (options from <c>CredWatch:Resync</c>, validated at start; metrics; service).
    /// The caller (core) registers the keyed <see cref="Stores.Fingerprinter"/> and its CLI-store
    /// <see cref="ISourceCredentialReader"/>; agent-store sources of newest-wins are read here.
    /// </summary>
    public static IServiceCollection AddResync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<ResyncOptions>().Bind(configuration.GetSection(ResyncOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResyncOptions>, ResyncOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ResyncMetrics>();
        services.TryAddSingleton(sp => new ResyncService(
            sp.GetRequiredService<IOptions<ResyncOptions>>(),
            sp.GetRequiredService<Stores.Fingerprinter>(),
            new AgentStoreSourceReader(sp.GetRequiredService<ISourceCredentialReader>()),
            sp.GetRequiredService<ResyncMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ResyncService>>()));
        return services;
    }

    /// <summary>
    /// Resync wired to the core (call after <c>AddCredWatchCore</c>, which brings the keyed fingerprinter): the CLI-store
    /// reader, <see cref="ResyncRunner"/> (used by <c>credwatch sync</c>) and the daemon's <see cref="ResyncMonitor"/>
    /// (a hosted service that stays idle unless <c>CredWatch:Resync:Enabled</c>).
    /// </summary>
    public static IServiceCollection AddCredWatchResync(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<ISourceCredentialReader, CliStoreCredentialReader>();
        services.AddResync(configuration);
        services.TryAddSingleton<ResyncRunner>();
        services.TryAddSingleton<ResyncMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ResyncMonitor>());
        return services;
    }
}
