using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Resync;

internal static class ResyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers resync (options from <c>CredWatch:Resync</c>, validated at start; metrics; service).
    /// The caller (core) registers <see cref="ITokenFingerprinter"/> and its CLI-store
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
            sp.GetRequiredService<ITokenFingerprinter>(),
            new AgentStoreSourceReader(sp.GetRequiredService<ISourceCredentialReader>()),
            sp.GetRequiredService<ResyncMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ResyncService>>()));
        return services;
    }
}
