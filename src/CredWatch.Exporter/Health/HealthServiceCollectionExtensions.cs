using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Reporting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CredWatch.Exporter.Health;

/// <summary>Registers profile health: options, monitor, metrics, check and status contributors, alert conditions.</summary>
internal static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Call after <c>AddCredWatchCore</c>. A hosted service builds the instruments at start; a host that is never
    /// started (tests) resolves <see cref="HealthMetrics"/> itself.
    /// </summary>
    public static IServiceCollection AddProfileHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>());
        services.TryAddSingleton<ProfileHealthMonitor>();
        services.TryAddSingleton<HealthMetrics>();
        services.TryAddSingleton<HealthAlertConditions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckContributor, HealthCheckContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatusContributor, HealthStatusContributor>());
        services.AddHostedService<InstrumentsActivator<HealthMetrics>>();
        services.AddHostedService<InstrumentsActivator<ProfileHealthMonitor>>();
        return services;
    }
}
